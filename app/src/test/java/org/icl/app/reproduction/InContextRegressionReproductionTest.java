package org.icl.app.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.app.run.RunResult;
import org.junit.jupiter.api.Test;

/**
 * A one-layer linear self-attention trained on in-context regression learns one preconditioned GD step
 * (SCIENCE.md §3) at a size that trains in seconds: d = 4, n = 10, where (d+1)/(n+d+1) = 1/3 and η* = 2/3.
 */
class InContextRegressionReproductionTest {

    private static final String CONFIG = "seed = 3, task { type = icl-regression, d = 4, n = 10, eval-prompts = 4000 }, "
            + "trainer { steps = 400, batch-size = 128, eval-every = 0, monitor-prompts = 100 }";

    @Test
    void linearAttentionLearnsTheOptimalOneStep() {
        RunResult run = StudyReproduction.run("icl-regression", CONFIG);

        assertEquals(1.0 / 3.0, run.theory().orElseThrow().referenceValue(), 1e-15);
        // Paired with one GD step at η* on the same 4000 prompts the Monte-Carlo scatter cancels: 1.006 measured,
        // 3% leaves room for seeds. A wrong label, query or loss row would miss by far more.
        double oneStep = run.theory().orElseThrow().values().get("one_step_gd");
        assertEquals(1.0, run.evalLoss() / oneStep, 0.03, "eval " + run.evalLoss() + " vs " + oneStep);
        // Against the closed form the estimate's own scatter adds about 2% (measured ratio 0.998).
        assertEquals(1.0, run.ratioToTheory().getAsDouble(), 0.06);
        assertTrue(run.evalLoss() < 0.5 * run.baselines().get("zero_predictor").loss());
        assertTrue(run.baselines().get("least_squares").loss() < 1e-20, "n ≥ d without noise: least squares is exact");

        // The weights are the construction: V(y,y)·W_xx ≈ η* I. Adam's jitter at lr 1e-2 after 400 steps moves the
        // step by a few percent (0.660 and 0.646 measured against 2/3 on two data streams); 5% allows for that.
        assertEquals(2.0 / 3.0, StudyReproduction.mechanism(run, "effective_step"), 0.05 * 2 / 3);
        assertTrue(StudyReproduction.mechanism(run, "cosine_vyy_wxx_with_identity") > 0.99);
    }
}
