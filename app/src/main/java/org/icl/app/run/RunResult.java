package org.icl.app.run;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.TrainingSummary;

/**
 * What one run produced: its training summary (absent when saved parameters were only evaluated),
 * final evaluation, theory (absent for tasks without one), the names of the evaluation metrics the
 * task reports beside the loss, and the task's reading of the parameters.
 */
public record RunResult(String name, Optional<TrainingSummary> training, Evaluation evaluation, Optional<Theory> theory,
                        List<String> reportedMetrics, Map<String, Object> mechanism) {

    public RunResult {
        reportedMetrics = List.copyOf(reportedMetrics);
    }

    /** Evaluation loss over the theory value it should match; empty without theory. */
    public OptionalDouble ratioToTheory() {
        return theory.map(t -> OptionalDouble.of(evaluation.loss() / t.referenceValue())).orElse(OptionalDouble.empty());
    }

    /** The metrics reported by any of {@code results}, in the order first met. */
    public static Set<String> reportedByAny(List<RunResult> results) {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> names.addAll(r.reportedMetrics()));
        return names;
    }

    /** The reported metrics' values, in the task's order. */
    public Map<String, Double> reported() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : reportedMetrics) {
            values.put(name, evaluation.metrics().get(name));
        }
        return values;
    }
}
