package org.icl.api.task;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's score on held-out prompts: the headline loss and any further task metrics.
 *
 * @param loss    the task's evaluation loss, compared with {@link Theory#referenceValue()}
 * @param prompts the number of evaluation prompts it was measured on
 * @param metrics further task metrics by name (written to result.json); copied, in name order
 */
public record Evaluation(double loss, int prompts, Map<String, Double> metrics) {

    /**
     * Copies {@code metrics} in name order: Map.copyOf's order changes from one JVM to the next, and
     * result.json and the study summaries built from it must come out the same byte for byte.
     */
    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
    }

    /**
     * The mean of per-prompt losses as the headline loss, with {@code eval_loss_median},
     * {@code eval_loss_p90} and {@code eval_loss_p99} among the metrics beside {@code extra}: a mean
     * can hide a heavy tail (a few prompts on which an iterated model explodes), the quantiles show it.
     */
    public static Evaluation ofPromptLosses(double[] losses, Map<String, Double> extra) {
        if (losses.length == 0) {
            throw new IllegalArgumentException("no prompt losses");
        }
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (double loss : losses) {
            total += loss;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(extra);
        metrics.put("eval_loss_median", quantile(sorted, 0.5));
        metrics.put("eval_loss_p90", quantile(sorted, 0.9));
        metrics.put("eval_loss_p99", quantile(sorted, 0.99));
        return new Evaluation(total / losses.length, losses.length, metrics);
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics (0 → smallest, 1 → largest). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
