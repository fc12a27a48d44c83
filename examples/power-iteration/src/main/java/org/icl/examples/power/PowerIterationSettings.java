package org.icl.examples.power;

import org.icl.api.config.Settings;

/**
 * Settings of the power-iteration task; their descriptions and defaults are in this plugin's reference.conf.
 *
 * @param d           input dimension
 * @param n           in-context examples per prompt
 * @param k           chain-of-thought steps
 * @param eta         step of each power-iteration step on I + ηS
 * @param spike       strength θ of the input covariance's spike I + θuuᵀ
 * @param evalPrompts held-out evaluation prompts
 */
public record PowerIterationSettings(int d, int n, int k, double eta, double spike, int evalPrompts) {

    /** Reads and range-checks the task block; errors name the key and where its value came from. */
    public static PowerIterationSettings from(Settings s) {
        return new PowerIterationSettings(
                s.intBetween("d", 2, 1000),
                s.intBetween("n", 1, 100_000),
                s.intBetween("k", 1, 10_000),
                s.positive("eta"),
                s.doubleBetween("spike", 0, Double.POSITIVE_INFINITY),
                s.intAtLeast("eval-prompts", 1));
    }

    /** Rows of a token: x (d) above v (d). */
    public int tokenDim() {
        return 2 * d;
    }
}
