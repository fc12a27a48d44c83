package org.icl.examples.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.Task;
import org.junit.jupiter.api.Test;

/** The factory reads the shipped defaults and rejects bad values by key; the mechanism reading of V and W. */
class PowerIterationFactoryTest {

    private static Settings settings(String overrides) {
        Config defaults = ConfigFactory.defaultReference().getConfig("icl.defaults.task.power-iteration");
        return new Settings(ConfigFactory.parseString(overrides).withFallback(defaults), "task");
    }

    @Test
    void shippedDefaultsBuildTheTask() {
        PowerIterationSettings s = PowerIterationSettings.from(settings("eval-prompts = 10"));
        assertEquals(new PowerIterationSettings(5, 20, 10, 0.2, 3.0, 10), s);
        Task task = new PowerIterationFactory().create(settings("eval-prompts = 10"), 1);
        assertEquals(10, task.shape().tokenDim());
        assertEquals(30, task.shape().maxLength());
        assertEquals(20, task.shape().contextSize());
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "v1", "v2", "v3", "v4", "v5"), task.tokenLabels());
    }

    @Test
    void badValuesNameTheirKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> PowerIterationSettings.from(settings("eta = 0")));
        assertTrue(e.getMessage().startsWith("task.eta = 0"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> PowerIterationSettings.from(settings("d = 1")));
        assertTrue(e.getMessage().startsWith("task.d = 1") && e.getMessage().contains("[2, 1000]"), e.getMessage());
    }

    @Test
    void theConstructionReadsAsTheExactStep() {
        int d = 3;
        double eta = 0.2;
        Parameter v = new Parameter("V", 2 * d, 2 * d);
        Parameter w = new Parameter("W", 2 * d, 2 * d);
        for (int i = 0; i < d; i++) {
            v.set(0, d + i, i, 2 * eta); // V(v, x) = 2ηI and W(x, v) = I/2: only the product is fixed
            w.set(0, i, d + i, 0.5);
        }
        Model construction = new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                throw new UnsupportedOperationException("only its parameters are read");
            }

            @Override
            public List<Parameter> parameters() {
                return List.of(v, w);
            }
        };
        Map<String, Object> mechanism = PowerIterationMechanism.measure(new PowerIterationSettings(d, 6, 2, eta, 3, 1),
                construction);
        assertEquals(0.0, (double) mechanism.get("v_mass_outside_vx"), 1e-15);
        assertEquals(1.0, (double) mechanism.get("cosine_vw_with_identity"), 1e-15);
        assertEquals(eta, (double) mechanism.get("effective_step"), 1e-15);
    }
}
