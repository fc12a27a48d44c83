package org.icl.tasks.regression;

import java.util.List;

import org.icl.api.config.Settings;

/**
 * Settings of the standard in-context regression task (Garg et al. 2022; SCIENCE.md §3).
 *
 * @param d             input dimension
 * @param n             in-context examples per prompt (the query comes on top)
 * @param noise         standard deviation σ of label noise, y = ⟨w*, x⟩ + σ·ε (the query's label too)
 * @param evalVariances diagonal of the input covariance Σ for evaluation prompts; empty means identity
 * @param evalPrompts   number of held-out evaluation prompts
 * @param evalChunk     prompts evaluated together (memory against speed)
 * @param ridgeLambda   penalty λ of the ridge baseline, argmin ||Xᵀw − y||² + λ||w||²
 * @param gdSteps       steps k of the k-step gradient-descent baselines
 * @param gdStep        step size of the k-step gradient-descent baseline at a given step
 */
public record InContextRegressionSettings(int d, int n, double noise, List<Double> evalVariances, int evalPrompts,
                                          int evalChunk, double ridgeLambda, int gdSteps, double gdStep) {

    public InContextRegressionSettings {
        evalVariances = List.copyOf(evalVariances);
    }

    /** Reads and range-checks the task block. */
    public static InContextRegressionSettings from(Settings s) {
        int d = s.intBetween("d", 1, 1000);
        List<Double> variances = s.doubles("eval-covariance", 0.0);
        if (!variances.isEmpty() && variances.size() != d) {
            throw s.invalid("eval-covariance", "an empty list (identity) or d = " + d + " variances");
        }
        return new InContextRegressionSettings(d,
                s.intBetween("n", 1, 100_000),
                s.doubleBetween("noise", 0, Double.POSITIVE_INFINITY),
                variances,
                s.intAtLeast("eval-prompts", 1),
                s.intAtLeast("eval-chunk", 1),
                s.positive("ridge-lambda"),
                s.intBetween("gd-steps", 1, 10_000),
                s.positive("gd-step"));
    }

    /** σ². */
    public double noiseVariance() {
        return noise * noise;
    }
}
