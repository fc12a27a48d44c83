package org.icl.examples.power;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.icl.api.autodiff.GradientCheck;
import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.junit.jupiter.api.Test;

/**
 * The task's training loss back-propagates correctly into a model's parameters: the gradient the tape
 * derives through the task's inputs, targets and loss agrees with central finite differences.
 */
class PowerIterationGradientTest {

    /** A small trainable map of the query columns, q + A q: enough to reach every output entry the loss reads. */
    private static Model linearMap(Parameter a) {
        return new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                Tensor queries = tape.sliceCols(z, firstOutput, z.cols());
                return tape.add(queries, tape.matmul(a, queries));
            }

            @Override
            public List<Parameter> parameters() {
                return List.of(a);
            }
        };
    }

    @Test
    void trainingLossGradientMatchesFiniteDifferences() {
        PowerIterationTask task = new PowerIterationTask(new PowerIterationSettings(3, 6, 4, 0.2, 2.0, 5), 1);
        Parameter a = new Parameter("A", 6, 6);
        SplittableRandom init = new SplittableRandom(2);
        for (int i = 0; i < a.data().length; i++) {
            a.data()[i] = init.nextGaussian() * 0.3;
        }
        // The same seed inside the loss, so every evaluation sees the same prompts.
        GradientCheck.Result result = GradientCheck.check(
                (tape, params) -> task.trainingLoss(tape, linearMap(params.get(0)), new SplittableRandom(3), 4),
                List.of(a));
        assertTrue(result.passes(), result.toString());
    }
}
