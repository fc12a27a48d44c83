package org.icl.app.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.icl.api.io.AtomicFile;

/**
 * Writes {@code result.json}: status (completed, or diverged with step, quantity and value),
 * metrics, theory (with the reference named) and ratio when the task has theory, the same theory on the monitor
 * prompts (under {@code monitor_theory}, with their count) after training, mechanism report,
 * the baselines' scores, the {@code evaluate-also} evaluations (under {@code evaluate_also}) and provenance.
 * Numbers that are not finite are written as null, which every JSON reader accepts.
 */
final class ResultFile {

    /** The key of the theory on the monitor prompts. */
    static final String MONITOR_THEORY = "monitor_theory";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {
    }

    static Map<String, Object> content(RunResult result, Provenance provenance) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        result.evaluation().ifPresent(evaluation -> {
            metrics.put("eval_loss", finite(evaluation.loss()));
            metrics.put("eval_prompts", evaluation.prompts());
            evaluation.metrics().forEach((key, value) -> metrics.put(key, finite(value)));
        });
        result.training().ifPresent(training -> {
            metrics.put("train_loss", finite(training.finalTrainLoss()));
            metrics.put("steps", training.steps());
            metrics.put("train_seconds", training.seconds());
            metrics.put("monitor_eval_seconds", training.evaluationSeconds());
            metrics.put("steps_per_second", finite(training.stepsPerSecond()));
        });
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("run", result.name());
        content.put("status", result.status());
        result.divergence().ifPresent(d -> {
            Map<String, Object> diverged = new LinkedHashMap<>();
            diverged.put("step", d.step());
            diverged.put("quantity", d.quantity());
            // The value itself may be NaN or infinite: kept as text, so that it is not lost to null.
            diverged.put("value", Double.isFinite(d.value()) ? d.value() : Double.toString(d.value()));
            diverged.put("reason", d.reason());
            content.put("diverged", diverged);
        });
        content.put("metrics", metrics);
        result.theory().ifPresent(t -> {
            Map<String, Object> theory = new LinkedHashMap<>(t.values());
            theory.put("reference", t.reference());
            content.put("theory", theory);
            content.put("eval_loss_over_reference", finite(result.ratioToTheory().getAsDouble()));
        });
        result.monitorTheory().ifPresent(t -> {
            // The same values on the monitor prompts only: the reference the learning curve during training is drawn against.
            Map<String, Object> theory = new LinkedHashMap<>(t.values());
            theory.put("reference", t.reference());
            theory.put("prompts", result.training().orElseThrow().monitorPrompts());
            content.put(MONITOR_THEORY, theory);
        });
        content.put("mechanism", result.mechanism());
        Map<String, Object> baselines = new LinkedHashMap<>();
        result.baselines().forEach((name, evaluation) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("eval_loss", evaluation.loss());
            result.theory().ifPresent(t -> entry.put("eval_loss_over_reference", evaluation.loss() / t.referenceValue()));
            entry.putAll(evaluation.metrics());
            baselines.put(name, entry);
        });
        content.put("baselines", baselines);
        if (!result.alsoEvaluated().isEmpty()) {
            Map<String, Object> also = new LinkedHashMap<>();
            result.alsoEvaluated().forEach((name, alternate) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                Map<String, Object> altered = content(alternate, provenance);
                entry.put("eval_loss", ((Map<?, ?>) altered.get("metrics")).get("eval_loss"));
                entry.put("theory", altered.get("theory"));
                entry.put("eval_loss_over_reference", altered.get("eval_loss_over_reference"));
                entry.put("metrics", altered.get("metrics"));
                also.put(name, entry);
            });
            content.put(RunPlan.EVALUATE_ALSO.replace('-', '_'), also);
        }
        content.put("provenance", provenance.content());
        return content;
    }

    static void write(Path path, RunResult result, Provenance provenance) {
        AtomicFile.write(path, out -> JSON.writeValue(out, content(result, provenance)));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
