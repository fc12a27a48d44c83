package org.icl.tasks.baselines;

import org.icl.api.autodiff.Tensor;
import org.icl.tasks.weights.RegressionPrompts;

/** How a task's token columns carry a prompt's examples, and how a prediction made from an estimate of w is written back. */
public interface EstimatorLayout {

    /** The examples of every prompt of the batch {@code z} (as many as the prompts hold, possibly none). */
    RegressionPrompts examples(Tensor z);

    /**
     * Writes the task's prediction from the estimate {@code w[offset .. offset+d)} for prompt {@code b} into
     * {@code output}, whose columns are the input columns {@code firstOutput} to the end of {@code z}.
     */
    void predict(Tensor z, int b, int firstOutput, double[] w, int offset, Tensor output);
}
