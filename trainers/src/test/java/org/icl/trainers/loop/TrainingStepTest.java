package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.train.RunContext;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;

/** The trainer trains the model as it runs at each step ({@link Model#atTrainingStep}), steps counted from 1. */
class TrainingStepTest {

    /** Records the steps it is asked for and hands out a view whose forward passes are counted. */
    private static final class StepRecordingModel implements Model {
        final ParameterModel inner = new ParameterModel(3);
        final List<Integer> steps = new ArrayList<>();
        int viewForwards;

        @Override
        public Tensor forward(Tape tape, Tensor input, int firstOutput) {
            return inner.forward(tape, input, firstOutput);
        }

        @Override
        public Model atTrainingStep(int step) {
            steps.add(step);
            StepRecordingModel outer = this;
            return new Model() {
                @Override
                public Tensor forward(Tape tape, Tensor input, int firstOutput) {
                    outer.viewForwards++;
                    return inner.forward(tape, input, firstOutput);
                }

                @Override
                public List<Parameter> parameters() {
                    return inner.parameters();
                }
            };
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }
    }

    @Test
    void everyStepTrainsTheViewForThatStep() {
        StepRecordingModel model = new StepRecordingModel();
        LeastSquaresTask task = new LeastSquaresTask(3, 20, 1);
        new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 12, batch-size = 4, eval-every = 5"))
                .train(task, model, RunContext.inMemory(2));
        assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), model.steps);
        assertEquals(12, model.viewForwards, "each training loss ran the step's view");
        assertSame(model.inner.theta(), model.parameters().get(0));
    }
}
