package org.icl.api.task;

import java.util.Map;

/** A model's score on held-out prompts: the headline loss and any further task metrics. */
public record Evaluation(double loss, int prompts, Map<String, Double> metrics) {

    public Evaluation {
        metrics = Map.copyOf(metrics);
    }
}
