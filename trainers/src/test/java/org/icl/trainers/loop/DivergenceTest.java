package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.Evaluation;
import org.icl.api.train.Divergence;
import org.icl.api.train.RunContext;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.SgdTrainerFactory;
import org.icl.trainers.testing.FakeTask;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.QuadraticTask;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A non-finite or exploding loss ends the run early with its step and value, keeping what was written before. */
class DivergenceTest {

    /** The quadratic loss, except that from step {@code nanFrom} on the loss is NaN. */
    private static final class TurnsNaN extends FakeTask {
        private final QuadraticTask healthy = new QuadraticTask(1.0, 2.0);
        private final int nanFrom;

        TurnsNaN(int nanFrom) {
            this.nanFrom = nanFrom;
        }

        @Override
        protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
            Tensor loss = healthy.trainingLoss(tape, model, random, batchSize);
            return trainingLosses.size() + 1 >= nanFrom ? tape.scale(loss, Double.NaN) : loss;
        }

        @Override
        public double[] optimum() {
            return healthy.optimum();
        }
    }

    /** The quadratic loss whose monitor evaluation returns {@code evalLosses} in turn. */
    private static final class ScriptedEvaluation extends FakeTask {
        private final QuadraticTask healthy = new QuadraticTask(1.0, 2.0);
        private final double[] evalLosses;

        ScriptedEvaluation(double... evalLosses) {
            this.evalLosses = evalLosses;
        }

        @Override
        protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
            return healthy.trainingLoss(tape, model, random, batchSize);
        }

        @Override
        public Evaluation evaluate(Model model, int prompts) {
            double loss = evalLosses[evaluations.size()];
            evaluations.add(new double[] {trainingLosses.size(), loss});
            return new Evaluation(loss, prompts, Map.of());
        }

        @Override
        public double[] optimum() {
            return healthy.optimum();
        }
    }

    private static TrainingSummary adam(String overrides, FakeTask task, Model model, RunContext context) {
        return new AdamTrainerFactory().create(TrainerSettings.of("adam", overrides)).train(task, model, context);
    }

    @Test
    void aNaNLossStopsTheRunAtItsStepWithTheParametersOfTheStepBefore(@TempDir Path dir) throws IOException {
        ParameterModel model = ParameterModel.of(0.3, -0.2);
        TrainingSummary summary = adam("steps = 10, eval-every = 1", new TurnsNaN(3), model,
                new RunContext(Optional.of(dir), 1, false, "nan"));

        Divergence divergence = summary.divergence().orElseThrow();
        assertEquals(3, divergence.step());
        assertEquals("train_loss", divergence.quantity());
        assertTrue(Double.isNaN(divergence.value()));
        assertTrue(divergence.message().contains("step 3") && divergence.message().contains("learning-rate"),
                divergence.message());
        // The NaN step applies no update: the parameters equal those of the same run stopped after two steps.
        ParameterModel twoSteps = ParameterModel.of(0.3, -0.2);
        adam("steps = 2, eval-every = 1", new TurnsNaN(3), twoSteps, RunContext.inMemory(1));
        assertArrayEquals(twoSteps.theta().data(), model.theta().data(), 0.0);
        assertFalse(java.util.Arrays.equals(new double[] {0.3, -0.2}, model.theta().data()), "two steps moved them");
        // The history is kept: header, the two finished steps, and the diverged step with its NaN.
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).startsWith("3,NaN,,"), lines.get(3));
        // The last checkpoint and parameters are those of step 2, the last healthy one.
        assertEquals(2, CheckpointFile.read(dir.resolve(RunFiles.CHECKPOINT)).step());
        List<Parameter> saved = List.of(new Parameter("theta0", 2, 1));
        ParameterFile.read(dir.resolve(RunFiles.PARAMETERS), saved);
        assertArrayEquals(twoSteps.theta().data(), saved.get(0).data(), 0.0);
    }

    @Test
    void aLossGrowingPastTheFactorStopsTheRunAtThePredictedStep() {
        // SGD at lr 1.5 on ||θ − t||² maps θ − t to (1 − 2·1.5)(θ − t) = −2(θ − t): the loss grows 4× a step,
        // so it first exceeds 100 × the step-1 loss at step 5 (4⁴ = 256 > 100 > 4³ = 64).
        ParameterModel model = ParameterModel.of(0.0, 0.0);
        TrainingSummary summary = new SgdTrainerFactory()
                .create(TrainerSettings.of("sgd", "steps = 20, learning-rate = 1.5, divergence-factor = 100"))
                .train(new QuadraticTask(1.0, 2.0), model, RunContext.inMemory(1));
        Divergence divergence = summary.divergence().orElseThrow();
        assertEquals(5, divergence.step());
        assertEquals("train_loss", divergence.quantity());
        assertEquals(256 * 5.0, divergence.value(), 1e-9);
        assertTrue(divergence.reason().contains("divergence-factor"), divergence.reason());
        assertEquals(5, summary.steps());
    }

    @Test
    void factorZeroOnlyStopsNonFiniteLosses() {
        TrainingSummary summary = new SgdTrainerFactory()
                .create(TrainerSettings.of("sgd", "steps = 20, learning-rate = 1.5, divergence-factor = 0"))
                .train(new QuadraticTask(1.0, 2.0), ParameterModel.of(0.0, 0.0), RunContext.inMemory(1));
        assertTrue(summary.divergence().isEmpty(), summary.toString());
        assertEquals(20, summary.steps());
    }

    @Test
    void aNonFiniteMonitorEvaluationStopsTheRun() {
        TrainingSummary summary = adam("steps = 10, eval-every = 2", new ScriptedEvaluation(3.0, Double.POSITIVE_INFINITY),
                ParameterModel.of(0.0, 0.0), RunContext.inMemory(1));
        Divergence divergence = summary.divergence().orElseThrow();
        assertEquals(4, divergence.step());
        assertEquals("eval_loss", divergence.quantity());
        assertEquals(Double.POSITIVE_INFINITY, divergence.value());
    }

    @Test
    void anEvaluationLossGrowingPastTheFactorOfTheFirstEvaluationStopsTheRun() {
        ScriptedEvaluation task = new ScriptedEvaluation(2.0, 19.0, 21.0, 1.0);
        TrainingSummary summary = adam("steps = 8, eval-every = 2, divergence-factor = 10", task,
                ParameterModel.of(0.0, 0.0), RunContext.inMemory(1));
        Divergence divergence = summary.divergence().orElseThrow();
        assertEquals(6, divergence.step(), "21 is the first evaluation above 10 × 2");
        assertEquals(21.0, divergence.value());
        assertEquals(3, task.evaluations.size());
    }

    @Test
    void aGenuinelyDivergingRunIsCaught() {
        // lr = 2 on a unit-scale least-squares problem overshoots by a growing factor each step; the default
        // factor (1e6 over the first loss) or the overflow to infinity stops it within a few hundred steps.
        TrainingSummary summary = new SgdTrainerFactory()
                .create(TrainerSettings.of("sgd", "steps = 2000, learning-rate = 2, batch-size = 8"))
                .train(new LeastSquaresTask(4, 40, 2), new ParameterModel(4), RunContext.inMemory(1));
        Divergence divergence = summary.divergence().orElseThrow();
        assertTrue(divergence.step() < 2000, divergence.toString());
        assertEquals(divergence.step(), summary.steps());
    }
}
