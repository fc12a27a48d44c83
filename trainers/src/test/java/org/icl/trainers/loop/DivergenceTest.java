package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.train.RunContext;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.SgdTrainerFactory;
import org.icl.trainers.testing.FakeTask;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.QuadraticTask;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that a non-finite training loss stops the run with an error naming the step and the learning rate. */
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

    @Test
    void aNaNLossThrowsNamingTheStepAndTheLearningRate(@TempDir Path dir) throws IOException {
        ParameterModel model = new ParameterModel(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 10, eval-every = 1"))
                        .train(new TurnsNaN(3), model, new RunContext(Optional.of(dir), 1, false, "nan")));
        assertTrue(e.getMessage().contains("step 3"), e.getMessage());
        assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
        // The NaN step applies no update, so the parameters keep the values of step 2.
        for (double v : model.theta().data()) {
            assertTrue(Double.isFinite(v), "parameter became " + v);
        }
        // The history up to the failure is kept: header and the two finished steps.
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(3, lines.size(), String.join("\n", lines));
    }

    @Test
    void aGenuinelyDivergingRunThrowsToo() {
        // lr = 2 on a unit-scale least-squares problem overshoots by a growing factor each step; the
        // loss overflows to infinity (then NaN) within a few hundred steps.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SgdTrainerFactory().create(TrainerSettings.of("sgd", "steps = 2000, learning-rate = 2, batch-size = 8"))
                        .train(new LeastSquaresTask(4, 40, 2), new ParameterModel(4), RunContext.inMemory(1)));
        assertTrue(e.getMessage().matches("(?s).*step \\d+.*"), e.getMessage());
        assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    }
}
