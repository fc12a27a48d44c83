package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.config.InvalidSettingException;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.SgdTrainerFactory;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks that the loop settings are read from the shipped defaults and that out-of-range values are rejected by key. */
class LoopSettingsTest {

    @Test
    void defaultsMatchTheReferenceConf() {
        LoopSettings s = LoopSettings.from(TrainerSettings.of("adam", ""));
        assertEquals(new LoopSettings(0.01, 256, 3000, 0, 100, 1000, 0, 1e6), s);
        assertEquals(s, LoopSettings.from(TrainerSettings.of("sgd", "")));
    }

    @Test
    void overridesAreRead() {
        LoopSettings s = LoopSettings.from(TrainerSettings.of("sgd",
                "learning-rate = 0.5, batch-size = 3, steps = 4, clip-norm = 2.5, eval-every = 0, monitor-prompts = 6,"
                        + " warmup-steps = 2, divergence-factor = 50"));
        assertEquals(new LoopSettings(0.5, 3, 4, 2.5, 0, 6, 2, 50), s);
        assertEquals(new LoopSettings(0.5, 3, 4, 2.5, 0, 6, 2, 50, EvalSchedule.LOG, false), LoopSettings.from(
                TrainerSettings.of("adam", "learning-rate = 0.5, batch-size = 3, steps = 4, clip-norm = 2.5, eval-every = 0,"
                        + " monitor-prompts = 6, warmup-steps = 2, divergence-factor = 50, eval-schedule = log, probes = false")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "batch-size, 0",
            "batch-size, -3",
            "batch-size, 2.5",
            "eval-every, -1",
            "steps, 0",
            "learning-rate, 0",
            "learning-rate, -0.1",
            "clip-norm, -1",
            "monitor-prompts, 0",
            "warmup-steps, -1",
            "divergence-factor, -1",
            "divergence-factor, 1",
            "divergence-factor, 0.5",
            "eval-schedule, sideways",
            "probes, sometimes",
    })
    void outOfRangeValuesAreRejectedNamingTheKey(String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> LoopSettings.from(TrainerSettings.of("adam", key + " = " + value)));
        assertTrue(e.getMessage().contains("trainer." + key), e.getMessage());
    }

    @Test
    void batchSizeZeroAndNegativeEvalEveryAreRejectedByBothFactories() {
        for (String override : new String[] {"batch-size = 0", "eval-every = -1"}) {
            String key = "trainer." + override.substring(0, override.indexOf(' '));
            InvalidSettingException adam = assertThrows(InvalidSettingException.class,
                    () -> new AdamTrainerFactory().create(TrainerSettings.of("adam", override)));
            assertTrue(adam.getMessage().contains(key), adam.getMessage());
            InvalidSettingException sgd = assertThrows(InvalidSettingException.class,
                    () -> new SgdTrainerFactory().create(TrainerSettings.of("sgd", override)));
            assertTrue(sgd.getMessage().contains(key), sgd.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
            "adam, beta1, 1",
            "adam, beta2, -0.5",
            "adam, epsilon, 0",
            "sgd, momentum, 1",
            "sgd, momentum, -0.1",
    })
    void optimiserSettingsAreRangeChecked(String type, String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> {
            if (type.equals("adam")) {
                new AdamTrainerFactory().create(TrainerSettings.of(type, key + " = " + value));
            } else {
                new SgdTrainerFactory().create(TrainerSettings.of(type, key + " = " + value));
            }
        });
        assertTrue(e.getMessage().contains("trainer." + key), e.getMessage());
    }

    @Test
    void learningRateRisesLinearlyOverTheWarmupThenStaysPut() {
        LoopSettings s = LoopSettings.from(TrainerSettings.of("sgd", "learning-rate = 0.4, warmup-steps = 4"));
        assertEquals(0.1, s.learningRateAt(1), 1e-15);
        assertEquals(0.2, s.learningRateAt(2), 1e-15);
        assertEquals(0.3, s.learningRateAt(3), 1e-15);
        assertEquals(0.4, s.learningRateAt(4), 0.0);
        assertEquals(0.4, s.learningRateAt(500), 0.0);
        LoopSettings none = LoopSettings.from(TrainerSettings.of("sgd", "learning-rate = 0.4"));
        assertEquals(0.4, none.learningRateAt(1), 0.0);
    }
}
