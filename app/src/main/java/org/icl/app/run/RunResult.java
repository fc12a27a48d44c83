package org.icl.app.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.Divergence;
import org.icl.api.train.TrainingSummary;

/**
 * What one run produced: its training summary (absent when saved parameters were only evaluated),
 * final evaluation (absent when training diverged), theory (absent for tasks without one), the names of
 * the evaluation metrics the task reports beside the loss, the task's reading of the parameters,
 * the task's baselines scored on the same prompts, the task's curves (curve name → series name →
 * curve; the trained model's series is {@link #MODEL_SERIES}), the divergence that ended it, if one did, the
 * evaluations of the trained parameters under the run's {@code evaluate-also} settings, by name (see {@link RunPlan}),
 * and the theory on the monitor prompts only, which the learning curve during training is drawn against (absent
 * without training or theory).
 */
public record RunResult(String name, Optional<TrainingSummary> training, Optional<Evaluation> evaluation,
                        Optional<Theory> theory, List<String> reportedMetrics, Map<String, Object> mechanism,
                        Map<String, Evaluation> baselines, Map<String, Map<String, Curve>> curves,
                        Optional<Divergence> divergence, Map<String, RunResult> alsoEvaluated,
                        Optional<Theory> monitorTheory) {

    /** The series name of the trained model in {@link #curves()}. */
    public static final String MODEL_SERIES = "model";

    public RunResult {
        reportedMetrics = List.copyOf(reportedMetrics);
        baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
        alsoEvaluated = Collections.unmodifiableMap(new LinkedHashMap<>(alsoEvaluated));
    }

    /** A result without theory on the monitor prompts. */
    public RunResult(String name, Optional<TrainingSummary> training, Optional<Evaluation> evaluation,
                     Optional<Theory> theory, List<String> reportedMetrics, Map<String, Object> mechanism,
                     Map<String, Evaluation> baselines, Map<String, Map<String, Curve>> curves,
                     Optional<Divergence> divergence, Map<String, RunResult> alsoEvaluated) {
        this(name, training, evaluation, theory, reportedMetrics, mechanism, baselines, curves, divergence, alsoEvaluated,
                Optional.empty());
    }

    /** A result without extra evaluations. */
    public RunResult(String name, Optional<TrainingSummary> training, Optional<Evaluation> evaluation,
                     Optional<Theory> theory, List<String> reportedMetrics, Map<String, Object> mechanism,
                     Map<String, Evaluation> baselines, Map<String, Map<String, Curve>> curves,
                     Optional<Divergence> divergence) {
        this(name, training, evaluation, theory, reportedMetrics, mechanism, baselines, curves, divergence, Map.of());
    }

    /** A result without baselines or curves. */
    public RunResult(String name, Optional<TrainingSummary> training, Optional<Evaluation> evaluation,
                     Optional<Theory> theory, List<String> reportedMetrics, Map<String, Object> mechanism,
                     Optional<Divergence> divergence) {
        this(name, training, evaluation, theory, reportedMetrics, mechanism, Map.of(), Map.of(), divergence);
    }

    /** How the run ended: "completed", or "diverged" (see {@link #divergence()}). */
    public String status() {
        return divergence.isPresent() ? "diverged" : "completed";
    }

    /** The final evaluation loss; NaN when training diverged before it. */
    public double evalLoss() {
        return evaluation.map(Evaluation::loss).orElse(Double.NaN);
    }

    /** Evaluation loss over the theory value it should match; empty without theory. */
    public OptionalDouble ratioToTheory() {
        return theory.map(t -> OptionalDouble.of(evalLoss() / t.referenceValue())).orElse(OptionalDouble.empty());
    }

    /** The metrics reported by any of {@code results}, in the order first met. */
    public static Set<String> reportedByAny(List<RunResult> results) {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> names.addAll(r.reportedMetrics()));
        return names;
    }

    /** The reported metrics' values, in the task's order; empty when training diverged before the evaluation. */
    public Map<String, Double> reported() {
        Map<String, Double> values = new LinkedHashMap<>();
        evaluation.ifPresent(e -> reportedMetrics.forEach(name -> values.put(name, e.metrics().get(name))));
        return values;
    }
}
