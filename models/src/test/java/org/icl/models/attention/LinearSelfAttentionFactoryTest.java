package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.api.Test;

/** Checks that the linear-attention factory reads init-scale and causal, validates them and initialises V and W as configured. */
class LinearSelfAttentionFactoryTest {

    private static final LinearSelfAttentionFactory FACTORY = new LinearSelfAttentionFactory();

    /** The shipped defaults of linear-attention with {@code overrides} (HOCON) laid on top, as the "model" block. */
    private static Settings settings(String overrides) {
        Config defaults = ConfigFactory.defaultReference().getConfig("icl.defaults.model.linear-attention");
        return new Settings(ConfigFactory.parseString(overrides).withFallback(defaults), "model");
    }

    @Test
    void defaultsAreReadable() {
        Model model = FACTORY.create(settings(""), new TaskShape(6, 10, 6, 10), 1);
        assertEquals(List.of("V", "W"), model.parameters().stream().map(Parameter::name).toList());
        for (Parameter p : model.parameters()) {
            assertEquals(6, p.rows());
            assertEquals(6, p.cols());
        }
    }

    @Test
    void initScaleSetsTheSpreadOfVAndW() {
        int dim = 22;
        for (double scale : new double[] {0.05, 0.7}) {
            Model model = FACTORY.create(settings("init-scale = " + scale), new TaskShape(dim, 30, dim, 20), 42);
            for (Parameter p : model.parameters()) {
                double[] x = p.data();
                assertEquals(dim * dim, x.length);
                double mean = 0;
                for (double e : x) {
                    mean += e / x.length;
                }
                double squares = 0;
                for (double e : x) {
                    squares += (e - mean) * (e - mean);
                }
                double std = Math.sqrt(squares / (x.length - 1));
                /*
                 * With N = 484 i.i.d. Gaussian entries the sample standard deviation has a relative
                 * standard error of 1/sqrt(2(N−1)) ≈ 3.2%, so 15% is about 4.7 standard errors: a
                 * correct initialisation fails with probability near 3e-6 (and the seed is fixed),
                 * while a scale applied as variance (0.05² or 0.7²) or ignored (std 1) is far outside.
                 */
                assertEquals(scale, std, 0.15 * scale, p.name() + " std at init-scale " + scale);
                // The mean of 484 N(0, s²) entries has standard error s/22; 5 of them is a generous band.
                assertEquals(0, mean, 5 * scale / dim, p.name() + " mean at init-scale " + scale);
            }
        }
    }

    @Test
    void zeroInitScaleGivesTheIdentityMap() {
        Model model = FACTORY.create(settings("init-scale = 0"), new TaskShape(3, 5, 3, 5), 9);
        Tensor z = AttentionFixtures.randomInput(3, 5, 2, 4);
        assertArrayEquals(z.data(), model.forward(Tape.forInference(), z).data(), 0.0);
    }

    @Test
    void negativeInitScaleIsRejectedNamingTheKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> FACTORY.create(settings("init-scale = -0.1"), new TaskShape(4, 5, 4, 5), 1));
        assertTrue(e.getMessage().contains("model.init-scale"), e.getMessage());
    }

    @Test
    void nonBooleanCausalIsRejectedNamingTheKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> FACTORY.create(settings("causal = sometimes"), new TaskShape(4, 5, 4, 5), 1));
        assertTrue(e.getMessage().contains("model.causal"), e.getMessage());
    }

    @Test
    void missingSettingIsRejectedNamingTheKey() {
        Settings onlyScale = new Settings(ConfigFactory.parseString("init-scale = 0.1"), "model");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> FACTORY.create(onlyScale, new TaskShape(4, 5, 4, 5), 1));
        assertTrue(e.getMessage().contains("model.causal"), e.getMessage());
    }

    @Test
    void causalSettingIsHonoured() {
        TaskShape shape = new TaskShape(4, 6, 4, 3);
        Tensor z = AttentionFixtures.randomInput(4, 6, 2, 8);
        for (boolean causal : new boolean[] {true, false}) {
            Model model = FACTORY.create(settings("init-scale = 0.4, causal = " + causal), shape, 12);
            double[][][] expected = AttentionFixtures.naive(z, model.parameter("V").orElseThrow(),
                    model.parameter("W").orElseThrow(), 3, causal);
            Tensor out = model.forward(Tape.forInference(), z);
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 6; t++) {
                    for (int r = 0; r < 4; r++) {
                        assertEquals(expected[b][r][t], out.get(b, r, t), 1e-12, "causal " + causal);
                    }
                }
            }
        }
    }

    @Test
    void theSeedDeterminesTheInitialisation() {
        TaskShape shape = new TaskShape(5, 6, 5, 3);
        Model a = FACTORY.create(settings(""), shape, 77);
        Model b = FACTORY.create(settings(""), shape, 77);
        Model c = FACTORY.create(settings(""), shape, 78);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.parameters().get(i).data(), b.parameters().get(i).data(), 0.0);
            assertFalse(java.util.Arrays.equals(a.parameters().get(i).data(), c.parameters().get(i).data()));
        }
        assertInstanceOf(LinearSelfAttention.class, a);
    }

    @Test
    void rejectsTasksWhoseOutputsAreNotTokens() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> FACTORY.create(settings(""), new TaskShape(4, 5, 2, 5), 1));
        assertTrue(e.getMessage().startsWith("model.type"), e.getMessage());
    }
}
