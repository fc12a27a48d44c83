package org.icl.app.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.Divergence;
import org.icl.app.run.RunResult;

/**
 * One line of a results table: a trained run (empty {@code baseline}), or one of its task's baselines, whose
 * ratio is taken to the run's reference.
 *
 * @param run            the run's name
 * @param baseline       the baseline's name, empty for the trained model
 * @param evalLoss       evaluation loss on the task's full evaluation set
 * @param theory         the run's theory, empty for a task without one
 * @param reported       the values of the metrics the run's task reports (accuracies, say), by name
 * @param stepsPerSecond training speed of a trained run
 * @param status         how the run ended: completed or diverged (a baseline row carries its run's)
 * @param divergence     where and how a diverged run diverged
 */
public record ResultRow(String run, String baseline, double evalLoss, Optional<Theory> theory, Map<String, Double> reported,
                        Optional<Double> stepsPerSecond, String status, Optional<Divergence> divergence) {

    public ResultRow {
        reported = Collections.unmodifiableMap(new LinkedHashMap<>(reported));
    }

    /** Evaluation loss over the reference value; empty without theory. */
    public OptionalDouble ratio() {
        return theory.map(t -> OptionalDouble.of(evalLoss / t.referenceValue())).orElse(OptionalDouble.empty());
    }

    public boolean isBaseline() {
        return !baseline.isEmpty();
    }

    /**
     * Each run followed by its baselines. Runs that share a seed and task settings score their baselines on the
     * same prompts; a baseline with bit for bit the same loss as under an earlier run is not repeated.
     */
    public static List<ResultRow> of(List<RunResult> results) {
        List<ResultRow> rows = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (RunResult r : results) {
            rows.add(new ResultRow(r.name(), "", r.evalLoss(), r.theory(), r.reported(),
                    r.training().map(t -> t.stepsPerSecond()), r.status(), r.divergence()));
            for (Map.Entry<String, Evaluation> b : r.baselines().entrySet()) {
                double loss = b.getValue().loss();
                if (listed.add(b.getKey() + "@" + Double.doubleToLongBits(loss))) {
                    Map<String, Double> reported = new LinkedHashMap<>();
                    r.reportedMetrics().forEach(name -> {
                        Double value = b.getValue().metrics().get(name);
                        if (value != null) {
                            reported.put(name, value);
                        }
                    });
                    rows.add(new ResultRow(r.name(), b.getKey(), loss, r.theory(), reported, Optional.empty(), r.status(),
                            Optional.empty()));
                }
            }
        }
        return rows;
    }
}
