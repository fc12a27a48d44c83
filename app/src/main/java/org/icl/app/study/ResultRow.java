package org.icl.app.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.icl.api.task.Evaluation;
import org.icl.api.train.Divergence;
import org.icl.app.run.RunResult;

/**
 * One line of a results table: a trained run (empty {@code baseline}), or one of its task's baselines, whose
 * ratio is taken to the run's reference.
 *
 * @param run            the run's name
 * @param baseline       the baseline's name, empty for the trained model
 * @param evalLoss       evaluation loss on the task's full evaluation set
 * @param reference      the name of the run's theory reference
 * @param referenceValue its value
 * @param stepsPerSecond training speed of a trained run
 * @param status         how the run ended: completed or diverged (a baseline row carries its run's)
 * @param divergence     where and how a diverged run diverged
 */
public record ResultRow(String run, String baseline, double evalLoss, String reference, double referenceValue,
                        Optional<Double> stepsPerSecond, String status, Optional<Divergence> divergence) {

    /** Evaluation loss over the reference value. */
    public double ratio() {
        return evalLoss / referenceValue;
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
            rows.add(new ResultRow(r.name(), "", r.evalLoss(), r.theory().reference(), r.theory().referenceValue(),
                    r.training().map(t -> t.stepsPerSecond()), r.status(), r.divergence()));
            for (Map.Entry<String, Evaluation> b : r.baselines().entrySet()) {
                double loss = b.getValue().loss();
                if (listed.add(b.getKey() + "@" + Double.doubleToLongBits(loss))) {
                    rows.add(new ResultRow(r.name(), b.getKey(), loss, r.theory().reference(), r.theory().referenceValue(),
                            Optional.empty(), r.status(), Optional.empty()));
                }
            }
        }
        return rows;
    }
}
