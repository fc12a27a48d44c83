package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;
import org.icl.api.task.TokenBlock;
import org.junit.jupiter.api.Test;

/**
 * Restricting which entries of linear attention train, by the token blocks a task announces: held
 * values, the gradient of held entries (zero) and of trained ones (unchanged), and the errors.
 */
class TrainableEntriesTest {

    /** Rows a (2) | b (1) | c (2) | one (1), like x | y | w | const of weight prediction at d = 2. */
    private static final TaskShape SHAPE = new TaskShape(6, 8, 6, 5, List.of(new TokenBlock("a", 0, 2),
            new TokenBlock("b", 2, 3), new TokenBlock("c", 3, 5), new TokenBlock("one", 5, 6)));
    private static final LinearSelfAttentionFactory FACTORY = new LinearSelfAttentionFactory();

    private static Settings settings(String overrides) {
        return new Settings(ConfigFactory.parseString(overrides + "\ninit-scale = 0.3")
                .withFallback(ConfigFactory.defaultReference().getConfig("icl.defaults.model.linear-attention")), "model");
    }

    private static boolean in(int row, int from, int to) {
        return row >= from && row < to;
    }

    @Test
    void blocksTrainTheRestIsZeroAndFixedEntriesHoldTheirValue() {
        Model model = FACTORY.create(settings("trainable = [\"V:c,a\", \"W:a+b,c\"]\nfixed { \"W:b,one\" = -1 }"), SHAPE, 3);
        Parameter v = model.parameter("V").orElseThrow();
        Parameter w = model.parameter("W").orElseThrow();
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                boolean vTrains = in(r, 3, 5) && in(c, 0, 2);
                boolean wTrains = in(r, 0, 3) && in(c, 3, 5);
                assertEquals(vTrains, v.trains(r, c), "V(" + r + "," + c + ")");
                assertEquals(wTrains, w.trains(r, c), "W(" + r + "," + c + ")");
                assertEquals(vTrains, v.get(0, r, c) != 0, "V keeps its initial value exactly where it trains");
                double expectedW = r == 2 && c == 5 ? -1.0 : 0.0;
                if (!wTrains) {
                    assertEquals(expectedW, w.get(0, r, c), 0.0, "W(" + r + "," + c + ")");
                }
            }
        }

        // One backward pass: held entries get no gradient, trained ones the gradient of the unrestricted layer.
        Tensor z = AttentionFixtures.randomInput(6, 7, 3, 4);
        Tensor target = AttentionFixtures.randomInput(6, 7, 3, 5);
        double[][] restricted = gradients(model, z, target);
        v.restrictTraining(null);
        w.restrictTraining(null);
        double[][] full = gradients(model, z, target);
        List<Parameter> parameters = List.of(v, w);
        int nonzero = 0;
        for (int i = 0; i < 2; i++) {
            boolean[] trained = i == 0 ? flags(SHAPE, 3, 5, 0, 2) : flags(SHAPE, 0, 3, 3, 5);
            for (int e = 0; e < full[i].length; e++) {
                assertEquals(trained[e] ? full[i][e] : 0.0, restricted[i][e], 0.0, parameters.get(i).name() + " entry " + e);
                nonzero += trained[e] && full[i][e] != 0 ? 1 : 0;
            }
        }
        assertEquals(4 + 6, nonzero, "every trained entry has a gradient, so the check is not vacuous");
    }

    @Test
    void fixedAloneHoldsOnlyItsEntriesAndWholeParametersCanBeNamed() {
        Model model = FACTORY.create(settings("fixed { \"V:*,one\" = 0.5 }"), SHAPE, 6);
        Parameter v = model.parameter("V").orElseThrow();
        for (int r = 0; r < 6; r++) {
            assertEquals(0.5, v.get(0, r, 5), 0.0);
            assertFalse(v.trains(r, 5));
            assertTrue(v.trains(r, 0));
        }
        assertFalse(model.parameter("W").orElseThrow().restricted());
        Model onlyW = FACTORY.create(settings("trainable = [W]"), SHAPE, 6);
        assertFalse(onlyW.parameter("W").orElseThrow().restricted());
        assertTrue(java.util.Arrays.stream(onlyW.parameter("V").orElseThrow().data()).allMatch(x -> x == 0));
        assertFalse(FACTORY.create(settings(""), SHAPE, 6).parameter("V").orElseThrow().restricted());
    }

    @Test
    void unknownParametersAndBlocksAreNamedWithTheKey() {
        String parameter = message("trainable = [\"U:a,b\"]", SHAPE);
        assertTrue(parameter.startsWith("model.trainable = [\"U:a,b\"]") && parameter.contains("V, W"), parameter);
        String block = message("trainable = [\"V:a,x\"]", SHAPE);
        assertTrue(block.contains("'x' is not a block") && block.contains("a, b, c, one"), block);
        String none = message("trainable = [\"V:a,b\"]", new TaskShape(6, 8, 6, 5));
        assertTrue(none.contains("the task announces no token blocks"), none);
        String syntax = message("trainable = [\"V:a\"]", SHAPE);
        assertTrue(syntax.contains("P:rows,cols"), syntax);
        String fixed = message("fixed { \"W:q,one\" = 1 }", SHAPE);
        assertTrue(fixed.startsWith("model.fixed.\"W:q,one\" = 1"), fixed);
    }

    private static String message(String overrides, TaskShape shape) {
        return assertThrows(InvalidSettingException.class, () -> FACTORY.create(settings(overrides), shape, 1)).getMessage();
    }

    private static double[][] gradients(Model model, Tensor z, Tensor target) {
        model.parameters().forEach(Parameter::zeroGrad);
        Tape tape = Tape.forTraining();
        // Two layers deep, so the restricted parameters are used more than once in the pass.
        tape.backward(tape.squaredError(model.forward(tape, model.forward(tape, z, 0), 0), target));
        return new double[][] {model.parameters().get(0).grad().data.clone(), model.parameters().get(1).grad().data.clone()};
    }

    /** Column-major flags of rows [r0, r1) × columns [c0, c1) of a token-square matrix. */
    private static boolean[] flags(TaskShape shape, int r0, int r1, int c0, int c1) {
        int d = shape.tokenDim();
        boolean[] flags = new boolean[d * d];
        for (int c = c0; c < c1; c++) {
            for (int r = r0; r < r1; r++) {
                flags[c * d + r] = true;
            }
        }
        return flags;
    }
}
