package org.icl.tasks.baselines;

import org.icl.tasks.weights.RegressionPrompts;

/** A regression estimator that needs no training: from each prompt's examples, an estimate of the weight vector. */
@FunctionalInterface
public interface Estimator {

    /**
     * The estimates for every prompt of {@code prompts} (each with at least one example), prompt-major:
     * the estimate for prompt q is at {@code [q·d, (q+1)·d)}.
     */
    double[] estimate(RegressionPrompts prompts);
}
