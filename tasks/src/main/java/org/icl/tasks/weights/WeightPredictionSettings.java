package org.icl.tasks.weights;

import java.util.List;

import org.icl.api.config.MemoryBudget;
import org.icl.api.config.Settings;

/**
 * Settings of the in-context weight-prediction task (Huang, Wang &amp; Lee, ICLR 2025).
 *
 * @param d               input dimension
 * @param n               in-context examples per prompt
 * @param k               chain-of-thought steps (GD steps the targets take; evaluation rolls out k steps)
 * @param eta             step size of the gradient-descent targets w_{i+1} = w_i − (η/n) X(Xᵀw_i − y)
 * @param cot             true: train on all k intermediate steps; false: predict w* from Z_0 in one step
 * @param noise           standard deviation σ of label noise, y = ⟨w*, x⟩ + σ·ε
 * @param evalVariances   diagonal of the input covariance Σ for evaluation prompts; empty means identity
 * @param evalPrompts     number of held-out evaluation prompts
 * @param evalChunk       prompts rolled out together during evaluation (memory against speed)
 * @param ridgeLambda     penalty λ of the ridge baseline, argmin ||Xᵀw − y||² + λ||w||²
 */
public record WeightPredictionSettings(int d, int n, int k, double eta, boolean cot, double noise,
                                       List<Double> evalVariances, int evalPrompts, int evalChunk,
                                       double ridgeLambda) {

    /** Reads and range-checks the task block. */
    public static WeightPredictionSettings from(Settings s) {
        int d = s.intBetween("d", 1, 1000);
        List<Double> variances = s.doubles("eval-covariance", 0.0);
        if (!variances.isEmpty() && variances.size() != d) {
            throw s.invalid("eval-covariance", "an empty list (identity) or d = " + d + " variances");
        }
        WeightPredictionSettings settings = new WeightPredictionSettings(d,
                s.intBetween("n", 1, 100_000),
                s.intBetween("k", 1, 10_000),
                s.positive("eta"),
                s.bool("cot"),
                s.doubleBetween("noise", 0, Double.POSITIVE_INFINITY),
                List.copyOf(variances),
                s.intAtLeast("eval-prompts", 1),
                s.intAtLeast("eval-chunk", 1),
                s.positive("ridge-lambda"));
        settings.requireMemory(s);
        return settings;
    }

    /** Refuses evaluation sets and chunks whose arrays alone cannot fit, before the task allocates them. */
    private void requireMemory(Settings s) {
        MemoryBudget.requireArray(s, "eval-prompts", (double) evalPrompts * n * d,
                "the inputs of the evaluation prompts (eval-prompts × n × d numbers)");
        MemoryBudget.requireArray(s, "eval-chunk", (double) Math.min(evalChunk, evalPrompts) * tokenDim() * (n + rolloutSteps()),
                "the prompts rolled out together (eval-chunk × (2d + 2) × (n + k) numbers)");
    }

    /** Rows of a token: x (d) | y (1) | w (d) | const (1). */
    public int tokenDim() {
        return 2 * d + 2;
    }

    /** Steps of the autoregressive evaluation: k with CoT, one without. */
    public int rolloutSteps() {
        return cot ? k : 1;
    }
}
