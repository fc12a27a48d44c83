package org.icl.models.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.task.TaskShape;
import org.icl.api.task.TokenBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fixed value maps written as copies between token blocks: the matrices they give, and settings errors naming the key. */
class ValueCopiesTest {

    /** Five token rows: block a = rows 0-1, b = rows 2-3, c = row 4. */
    private static final TaskShape SHAPE = new TaskShape(5, 4, 2, 4,
            List.of(new TokenBlock("a", 0, 2), new TokenBlock("b", 2, 4), new TokenBlock("c", 4, 5)));

    @Test
    void eachHeadCopiesItsSourceBlocksOntoTheTargetsWithTheirGains() {
        SoftmaxAttention model = SoftmaxFixtures.model(SHAPE,
                "heads = 2, value-copies = [\"a>a*3\", \"b>a + a>b*-0.5\"], train-value = true", 1);
        assertEquals(List.of("KQ1", "KQ2", "R"), model.parameters().stream().map(Parameter::name).toList(),
                "fixed values do not train, whatever train-value says");
        for (int h = 0; h < 2; h++) {
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 5; c++) {
                    double expected = h == 0 ? (r == c && r < 2 ? 3 : 0)
                            : (c == r + 2 && r < 2 ? 1 : r == c + 2 && c < 2 ? -0.5 : 0);
                    assertEquals(expected, model.value(h).get(0, r, c), 0.0, "V" + (h + 1) + "(" + r + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void aHeadWithZeroScoresWritesTheGainedMeanOfItsCopiedBlock() {
        // KQ = 0: uniform attention over the prefix; the copy moves the mean of block b onto block a, times 2.
        SoftmaxAttention model = SoftmaxFixtures.model(SHAPE, "value-copies = [\"b>a*2\"], readout = always,"
                + " readout-init = identity, train-readout = false", 3);
        Tensor z = SoftmaxFixtures.randomInput(5, 4, 1, 8);
        Tensor out = model.forward(Tape.forInference(), z, 0);
        for (int t = 0; t < 4; t++) {
            for (int r = 0; r < 2; r++) {
                double mean = 0;
                for (int s = 0; s <= t; s++) {
                    mean += z.get(0, r + 2, s) / (t + 1);
                }
                assertEquals(z.get(0, r, t) + 2 * mean, out.get(0, r, t), 1e-12);
            }
        }
    }

    @Test
    void appendedPositionRowsAreNotCopied() {
        SoftmaxAttention model = SoftmaxFixtures.model(SHAPE, "value-copies = [\"a>a\"], positions = one-hot", 1);
        assertEquals(9, model.value(0).rows());
        double sum = 0;
        for (double x : model.value(0).data()) {
            sum += x;
        }
        assertEquals(2, sum, 0.0);
        assertFalse(model.value(0).requiresGrad());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "heads = 2, value-copies = [\"a>a\"] | one entry per head",
        "value-copies = [\"a\"] | source>target",
        "value-copies = [\"a>b>c\"] | source>target",
        "value-copies = [\"z>a\"] | 'z' is not one",
        "value-copies = [\"a>c\"] | equal size",
        "value-copies = [\"a>a*x\"] | finite gain",
        "value-copies = [\"a>a*2*3\"] | source>target"})
    void badCopiesAreRejectedNamingTheKey(String setting, String message) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new SoftmaxAttentionFactory().create(SoftmaxFixtures.settings(setting), SHAPE, 1));
        assertTrue(e.getMessage().startsWith("model.value-copies"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aTaskWithoutBlocksSaysSo() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new SoftmaxAttentionFactory()
                .create(SoftmaxFixtures.settings("value-copies = [\"a>a\"]"), new TaskShape(5, 4, 2, 4), 1));
        assertTrue(e.getMessage().contains("it announces none"), e.getMessage());
    }
}
