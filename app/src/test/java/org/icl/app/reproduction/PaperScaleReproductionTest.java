package org.icl.app.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.app.run.RunResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The built-in default study at paper scale (d = 10, n = 20, k = 20, η = 0.3, Adam lr 1e-2, batch 256,
 * 3000 steps, 10,000 evaluation prompts), held to the acceptance bounds of the foundation issue.
 * Takes about 30 seconds on two cores: run it with {@code mvn -B test -Ppaper-scale}.
 */
@Tag("paper-scale")
class PaperScaleReproductionTest {

    private static final String BASE = "seed = 1, task { d = 10, n = 20, k = 20, eta = 0.3, eval-prompts = 10000 }, "
            + "model { init-scale = 0.05 }, trainer { type = adam, learning-rate = 0.01, batch-size = 256, steps = 3000 }, ";

    @Test
    void defaultStudyMatchesTheory() {
        RunResult cot = StudyReproduction.run("cot", BASE + "task.cot = true");
        RunResult noCot = StudyReproduction.run("no-cot", BASE + "task.cot = false");

        assertEquals(110.0 / 31.0, noCot.theory().orElseThrow().referenceValue(), 1e-12);
        assertEquals(1.0, noCot.ratioToTheory().getAsDouble(), 0.05, "no-CoT eval " + noCot.evalLoss());
        assertEquals(1.0, cot.ratioToTheory().getAsDouble(), 0.05, "CoT eval " + cot.evalLoss());
        assertTrue(cot.evalLoss() * 10 < noCot.evalLoss());

        assertTrue(StudyReproduction.mechanism(cot, "v_mass_outside_v31") < 0.01);
        assertTrue(StudyReproduction.mechanism(cot, "w_mass_outside_w13_and_label_entry") < 0.01);
        assertTrue(StudyReproduction.mechanism(cot, "cosine_v31w13_with_minus_identity") > 0.99);
        assertEquals(0.3, StudyReproduction.mechanism(cot, "effective_step"), 0.3 * 0.02);
    }
}
