package org.icl.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;

/** Checks that adam and sgd, built by their factories from the shipped defaults, solve a noise-free least-squares problem. */
class ConvergenceTest {

    private static final int P = 5;
    private static final int ROWS = 200;
    private static final String LOOP = "learning-rate = 0.05, batch-size = 16, steps = 300, eval-every = 100";

    @Test
    void sgdDrivesTheLossToZero() {
        LeastSquaresTask task = new LeastSquaresTask(P, ROWS, 3);
        ParameterModel model = new ParameterModel(P);
        Trainer trainer = new SgdTrainerFactory().create(TrainerSettings.of("sgd", LOOP));

        TrainingSummary summary = trainer.train(task, model, RunContext.inMemory(1));

        assertEquals(300, summary.steps());
        assertEquals(300, task.trainingLosses.size());
        double initial = task.trainingLosses.get(0);
        assertTrue(initial > 1, "the problem starts far from its optimum: " + initial);
        /*
         * Without label noise every sampled gradient vanishes at θ*, so SGD converges linearly. The
         * expected squared distance contracts per step by about 1 − 4·lr·λ_min(AᵀA/m) with
         * λ_min ≈ (1 − sqrt(5/200))² ≈ 0.7, i.e. ≈ 0.86: 300 steps take it from ~5 to ~1e-19, and a
         * run of this seed ends at distance ~2e-11. A distance of 1e-6 (five decades of margin) is
         * out of reach for a wrong sign, a missing update or a stalled loop.
         */
        double distance = task.evaluate(model, 1).loss();
        assertTrue(distance < task.theory().orElseThrow().referenceValue() + 1e-6, "distance to θ*: " + distance);
        // The reported loss is the mean of the last 100 steps (201–300), each ~1e-16 or below.
        assertTrue(summary.finalTrainLoss() < 1e-10, "final training loss " + summary.finalTrainLoss());
    }

    @Test
    void adamDrivesTheLossToZero() {
        LeastSquaresTask task = new LeastSquaresTask(P, ROWS, 3);
        ParameterModel model = new ParameterModel(P);
        Trainer trainer = new AdamTrainerFactory().create(TrainerSettings.of("adam", LOOP));

        TrainingSummary summary = trainer.train(task, model, RunContext.inMemory(1));

        assertEquals(300, summary.steps());
        double initial = task.trainingLosses.get(0);
        assertTrue(initial > 1, "the problem starts far from its optimum: " + initial);
        /*
         * Adam's steps are ~lr per coordinate while the gradient keeps its sign, so the ~1-sized
         * coordinates of θ* are reached in ~50–100 steps; near θ* the slowly decaying second moment
         * (β2 = 0.999) keeps √v̂ at the size of earlier gradients, so steps shrink with the gradient
         * and the noise-free problem keeps converging (this seed: distance ~3e-6 and mean loss
         * ~1e-8 over steps 201–300). Bounds of 1e-3 and 1e-5 leave 300-fold margins yet are far
         * below the initial loss of ~14, which a broken update or bias correction would not leave.
         */
        double distance = task.evaluate(model, 1).loss();
        assertTrue(distance < task.theory().orElseThrow().referenceValue() + 1e-3, "distance to θ*: " + distance);
        assertTrue(summary.finalTrainLoss() < 1e-5, "final training loss " + summary.finalTrainLoss());
    }
}
