package org.icl.examples.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.icl.api.autodiff.Tape;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.junit.jupiter.api.Test;

/** The task against its theory, through a model that computes each power-iteration step exactly. */
class PowerIterationTaskTest {

    private static PowerIterationSettings settings(int d, int n, int k, double eta, int prompts) {
        return new PowerIterationSettings(d, n, k, eta, 3.0, prompts);
    }

    @Test
    void theExactStepHasZeroTeacherForcedLoss() {
        PowerIterationTask task = new PowerIterationTask(settings(4, 12, 5, 0.2, 10), 3);
        double loss = task.trainingLoss(Tape.forTraining(), new PowerStepOracle(4, 12, 0.2), new SplittableRandom(1), 64)
                .data()[0];
        assertTrue(loss < 1e-26, "teacher-forced loss of the exact step: " + loss);
    }

    @Test
    void aWrongStepSizeIsPenalised() {
        PowerIterationTask task = new PowerIterationTask(settings(4, 12, 5, 0.2, 10), 3);
        double loss = task.trainingLoss(Tape.forTraining(), new PowerStepOracle(4, 12, 0.1), new SplittableRandom(1), 64)
                .data()[0];
        assertTrue(loss > 1e-3, "a step of 0.1 instead of 0.2 must cost something: " + loss);
    }

    @Test
    void rollingOutTheExactStepReachesTheKStepReferenceOnTheSamePrompts() {
        PowerIterationTask task = new PowerIterationTask(settings(5, 20, 6, 0.2, 700), 11);
        Evaluation evaluation = task.evaluate(new PowerStepOracle(5, 20, 0.2), 700);
        Theory theory = task.theory().orElseThrow();
        assertEquals("power_k_steps", theory.reference());
        // Same prompts, same arithmetic up to the order of sums: only rounding separates the two.
        assertEquals(theory.referenceValue(), evaluation.loss(), 1e-12);
        assertEquals(theory.values().get("power_k_steps_median"), evaluation.metrics().get("eval_loss_median"), 1e-12);
        assertEquals(700, evaluation.prompts());
    }

    @Test
    void moreStepsGetCloserToTheTopEigenvector() {
        Theory theory = new PowerIterationTask(settings(5, 20, 10, 0.2, 2000), 5).theory().orElseThrow();
        double start = theory.values().get("start_vector");
        double one = theory.values().get("power_one_step");
        double ten = theory.values().get("power_k_steps");
        assertTrue(start > one && one > ten, theory.values().toString());
        // Ten steps at η = 0.2 bring the mean sin² from 0.8 to below 0.1 (0.076 measured on 4,000 prompts).
        assertTrue(ten < 0.1, theory.values().toString());
    }

    @Test
    void theStartVectorIsOneOverDAlignedOnAverage() {
        // The top eigenvector's direction is uniform on the sphere (the spike is), so E cos²(v_0, u) = 1/d:
        // start_vector → 1 − 1/d = 0.8 at d = 5. cos² has standard deviation √(3/35 − 1/25) = 0.214, so
        // 4,000 prompts put the mean within 0.0034 (one standard error); 0.014 is four of them.
        Theory theory = new PowerIterationTask(settings(5, 20, 1, 0.2, 4000), 7).theory().orElseThrow();
        assertEquals(0.8, theory.values().get("start_vector"), 0.014);
    }

    @Test
    void evaluationPromptsDependOnlyOnTheSeed() {
        var a = new PowerIterationTask(settings(3, 8, 2, 0.2, 50), 9).theory().orElseThrow().values();
        var b = new PowerIterationTask(settings(3, 8, 2, 0.2, 50), 9).theory().orElseThrow().values();
        var c = new PowerIterationTask(settings(3, 8, 2, 0.2, 50), 10).theory().orElseThrow().values();
        assertEquals(a, b);
        assertTrue(!a.equals(c), "another seed, other prompts");
    }
}
