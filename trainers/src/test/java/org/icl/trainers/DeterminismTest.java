package org.icl.trainers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that a run is a function of its seed: equal seeds give bit-identical parameters, different seeds differ. */
class DeterminismTest {

    private static double[][] run(long seed, Trainer trainer) {
        ParameterModel model = new ParameterModel(4);
        trainer.train(new LeastSquaresTask(4, 100, 9), model, RunContext.inMemory(seed));
        return model.snapshot();
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void sameSeedSameParameters(String type) {
        String overrides = "steps = 40, batch-size = 3, learning-rate = 0.02, clip-norm = 1, eval-every = 7";
        Trainer trainer = type.equals("adam")
                ? new AdamTrainerFactory().create(TrainerSettings.of(type, overrides))
                : new SgdTrainerFactory().create(TrainerSettings.of(type, overrides + ", momentum = 0.5"));

        // The same trainer object twice: each run must start with a fresh optimiser state.
        double[][] first = run(11, trainer);
        double[][] second = run(11, trainer);
        assertArrayEquals(first[0], second[0], 0.0);

        double[][] other = run(12, trainer);
        assertFalse(Arrays.equals(first[0], other[0]), "the seed does not reach the data stream");
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 150})
    void finalTrainLossIsTheMeanOfTheLastHundredSteps(int steps) {
        LeastSquaresTask task = new LeastSquaresTask(4, 100, 9);
        TrainingSummary summary = new SgdTrainerFactory()
                .create(TrainerSettings.of("sgd", "steps = " + steps + ", batch-size = 2, learning-rate = 0.01"))
                .train(task, new ParameterModel(4), RunContext.inMemory(3));
        int window = Math.min(100, steps);
        double mean = task.trainingLosses.subList(steps - window, steps).stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(steps, summary.steps());
        assertEquals(mean, summary.finalTrainLoss(), 1e-12 * mean);
    }
}
