package org.icl.app.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.TrainingSummary;

/**
 * What one run produced: its training summary (absent when saved parameters were only evaluated),
 * final evaluation, theory, the task's reading of the parameters, the task's baselines scored on the
 * same prompts, and the task's curves (curve name → series name → curve; the trained model's series is
 * {@link #MODEL_SERIES}).
 */
public record RunResult(String name, Optional<TrainingSummary> training, Evaluation evaluation, Theory theory,
                        Map<String, Object> mechanism, Map<String, Evaluation> baselines,
                        Map<String, Map<String, Curve>> curves) {

    /** The series name of the trained model in {@link #curves()}. */
    public static final String MODEL_SERIES = "model";

    public RunResult {
        baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    }

    /** A result without baselines or curves. */
    public RunResult(String name, Optional<TrainingSummary> training, Evaluation evaluation, Theory theory,
                     Map<String, Object> mechanism) {
        this(name, training, evaluation, theory, mechanism, Map.of(), Map.of());
    }

    /** Evaluation loss over the theory value it should match. */
    public double ratioToTheory() {
        return evaluation.loss() / theory.referenceValue();
    }
}
