package org.icl.tasks.baselines;

import java.util.Arrays;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.tasks.weights.RegressionPrompts;

/**
 * An estimator dressed as a model, so that a task scores it exactly like a trained one: it reads each
 * prompt's examples from the token columns, estimates w and writes the task's prediction from it into
 * every requested output column (so any rollout length reads the same estimate). It has no parameters, and
 * like a trained model it is confined to one thread.
 */
public final class EstimatorModel implements Model {

    private final Estimator estimator;
    private final EstimatorLayout layout;
    /** The last batch's examples and estimates: an autoregressive rollout asks again with the same examples each step. */
    private RegressionPrompts lastExamples;
    private double[] lastEstimates;

    public EstimatorModel(Estimator estimator, EstimatorLayout layout) {
        this.estimator = estimator;
        this.layout = layout;
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        RegressionPrompts examples = layout.examples(z);
        double[] estimates = estimates(examples);
        Tensor output = tape.constant(z.rows(), z.cols() - firstOutput, z.batch());
        for (int b = 0; b < z.batch(); b++) {
            layout.predict(z, b, firstOutput, estimates, b * examples.d, output);
        }
        return output;
    }

    private double[] estimates(RegressionPrompts examples) {
        if (lastExamples != null && lastExamples.count == examples.count && lastExamples.n == examples.n
                && Arrays.equals(lastExamples.xs, examples.xs) && Arrays.equals(lastExamples.ys, examples.ys)) {
            return lastEstimates;
        }
        // A prompt without examples gets the prior mean w = 0 from every estimator.
        lastEstimates = examples.n == 0 ? new double[examples.count * examples.d] : estimator.estimate(examples);
        lastExamples = examples;
        return lastEstimates;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
