package org.icl.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.typesafe.config.ConfigRenderOptions;

import org.icl.api.autodiff.Parameter;
import org.icl.api.model.Model;
import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.train.RunContext;
import org.icl.api.train.TrainingSummary;
import org.icl.app.plot.CurvePlot;
import org.icl.app.plot.ParameterHeatmap;
import org.icl.trainers.loop.ParameterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RunPlan}: trains, evaluates the model and the task's baselines on the task's full
 * evaluation set, and fills the run directory with config.conf, metrics.csv, parameters.json, result.json,
 * heatmaps and the task's curves (a CSV and a PNG each).
 */
public final class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final boolean showProgress;

    public RunExecutor(boolean showProgress) {
        this.showProgress = showProgress;
    }

    /** Runs the plan, writing into {@code directory} when present. */
    public RunResult execute(RunPlan plan, Optional<Path> directory) {
        directory.ifPresent(dir -> writeConfig(plan, dir));
        RunContext context = new RunContext(directory, plan.seed(), showProgress, plan.name());
        TrainingSummary training = plan.trainer().train(plan.task(), plan.model(), context);
        LOG.info("{}: trained {} steps in {} s ({} training steps/s); evaluating on {} prompts", plan.name(), training.steps(),
                String.format("%.1f", training.seconds()), String.format("%.1f", training.stepsPerSecond()),
                plan.task().evaluationPrompts());
        RunResult result = evaluate(plan, Optional.of(training));
        directory.ifPresent(dir -> {
            ParameterFile.write(dir.resolve("parameters.json"), plan.model().parameters());
            for (Parameter p : plan.model().parameters()) {
                ParameterHeatmap.save(p, plan.task().tokenLabels(), dir.resolve("heatmap-" + p.name() + ".png"));
            }
            ResultFile.write(dir.resolve("result.json"), result);
            result.curves().forEach((name, series) -> {
                CurveFile.write(series, dir.resolve(name + ".csv"));
                CurvePlot.save(plan.name() + ": " + name, series, dir.resolve(name + ".png"));
            });
            LOG.info("{}: results in {}", plan.name(), dir);
        });
        return result;
    }

    /**
     * Evaluates the plan's model as it stands (trained, or loaded from a run) and the task's baselines on the
     * task's full evaluation set, and computes the task's curves for each of them.
     */
    public static RunResult evaluate(RunPlan plan, Optional<TrainingSummary> training) {
        Task task = plan.task();
        Evaluation evaluation = task.evaluate(plan.model(), task.evaluationPrompts());
        Map<String, Object> mechanism = task.inspect(plan.model());
        long start = System.nanoTime();
        Map<String, Evaluation> baselines = new LinkedHashMap<>();
        Map<String, Map<String, Curve>> curves = new LinkedHashMap<>();
        addCurves(curves, RunResult.MODEL_SERIES, task.curves(plan.model()));
        for (Map.Entry<String, Model> baseline : task.baselines().entrySet()) {
            baselines.put(baseline.getKey(), task.evaluate(baseline.getValue(), task.evaluationPrompts()));
            addCurves(curves, baseline.getKey(), task.curves(baseline.getValue()));
        }
        if (!baselines.isEmpty() || !curves.isEmpty()) {
            LOG.info("{}: {} baselines and {} curves in {} s", plan.name(), baselines.size(), curves.size(),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
        }
        return new RunResult(plan.name(), training, evaluation, task.theory(), mechanism, baselines, curves);
    }

    /** Files each of {@code series}' curves under its curve name. */
    private static void addCurves(Map<String, Map<String, Curve>> curves, String series, Map<String, Curve> ofSeries) {
        ofSeries.forEach((name, curve) -> curves.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(series, curve));
    }

    private static void writeConfig(RunPlan plan, Path dir) {
        try {
            Files.createDirectories(dir);
            String rendered = plan.config().root()
                    .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
            Files.writeString(dir.resolve("config.conf"), rendered);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }
}
