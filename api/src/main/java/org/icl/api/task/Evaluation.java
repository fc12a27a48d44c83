package org.icl.api.task;

import java.util.Map;

/**
 * A model's score on held-out prompts: the headline loss and any further task metrics.
 *
 * @param loss    the task's evaluation loss, compared with {@link Theory#referenceValue()}
 * @param prompts the number of evaluation prompts it was measured on
 * @param metrics further task metrics by name (written to result.json); copied
 */
public record Evaluation(double loss, int prompts, Map<String, Double> metrics) {

    /** Copies {@code metrics}. */
    public Evaluation {
        metrics = Map.copyOf(metrics);
    }
}
