package org.icl.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes {@code result.json}: metrics, theory (with the reference named) and ratio when the task has theory, and mechanism report. */
final class ResultFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {
    }

    static Map<String, Object> content(RunResult result) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("eval_loss", result.evaluation().loss());
        metrics.put("eval_prompts", result.evaluation().prompts());
        metrics.putAll(result.evaluation().metrics());
        result.training().ifPresent(training -> {
            metrics.put("train_loss", training.finalTrainLoss());
            metrics.put("steps", training.steps());
            metrics.put("train_seconds", training.seconds());
            metrics.put("monitor_eval_seconds", training.evaluationSeconds());
            metrics.put("steps_per_second", training.stepsPerSecond());
        });
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("run", result.name());
        content.put("metrics", metrics);
        result.theory().ifPresent(t -> {
            Map<String, Object> theory = new LinkedHashMap<>(t.values());
            theory.put("reference", t.reference());
            content.put("theory", theory);
            content.put("eval_loss_over_reference", result.ratioToTheory().getAsDouble());
        });
        content.put("mechanism", result.mechanism());
        return content;
    }

    static void write(Path path, RunResult result) {
        try {
            JSON.writeValue(path.toFile(), content(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
