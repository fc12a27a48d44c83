package org.icl.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.io.AtomicFile;
import org.icl.api.model.AttentionMaps;
import org.icl.api.model.Model;
import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.task.Theory;
import org.icl.api.train.Divergence;
import org.icl.api.train.RunContext;
import org.icl.api.train.TrainingSummary;
import org.icl.app.plot.AttentionMap;
import org.icl.app.plot.CurvePlot;
import org.icl.app.plot.LearningCurves;
import org.icl.app.plot.ParameterHeatmap;
import org.icl.app.plot.TrainingDynamics;
import org.icl.trainers.loop.ParameterFile;
import org.icl.trainers.loop.RunFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RunPlan}: trains (or continues from the run's checkpoint), evaluates the model
 * and the task's baselines on the task's full evaluation set, and fills the run directory with
 * config.conf, metrics.csv, probes.csv and snapshots/ (see the trainer), parameters.json, checkpoint.bin, result.json,
 * the training dynamics figures (see {@link TrainingDynamics}), heatmaps of the parameters,
 * attention maps on a few of the task's prompts (for a model that shows its attention), and the task's
 * curves (a CSV and a PNG each). A diverged run gets a result.json with status "diverged" and keeps
 * the files written before.
 */
public final class RunExecutor {

    /** The metric counting an evaluation's reasoning steps: CoT steps times loops. */
    public static final String REASONING_STEPS = "reasoning_steps";
    /** The curve (and CSV) of the task's iteration theory, up to the most reasoning steps the run evaluates. */
    public static final String ITERATION_THEORY = "iteration-theory";

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    /** Prompts whose attention maps a run of a model that shows them draws. */
    static final int ATTENTION_PROMPTS = 3;

    private final boolean showProgress;
    private final int threads;

    /** An executor whose runs may use {@code threads} threads (results never depend on it). */
    public RunExecutor(boolean showProgress, int threads) {
        this.showProgress = showProgress;
        this.threads = threads;
    }

    public RunExecutor(boolean showProgress) {
        this(showProgress, 1);
    }

    /** Runs the plan afresh, writing into {@code directory} when present. */
    public RunResult execute(RunPlan plan, Optional<Path> directory) {
        return execute(plan, directory, false);
    }

    /**
     * Runs the plan, writing into {@code directory} when present; with {@code resume}, continues from
     * the checkpoint there (the caller has checked that the directory holds this very run, see
     * {@link OutputDirectory#requireSameRun}).
     */
    public RunResult execute(RunPlan plan, Optional<Path> directory, boolean resume) {
        directory.ifPresent(dir -> writeConfig(plan, dir));
        RunContext context = new RunContext(directory, plan.seed(), showProgress, plan.name(), threads, resume);
        TrainingSummary training = plan.trainer().train(plan.task(), plan.model(), context);
        RunResult result;
        if (training.divergence().isPresent()) {
            result = new RunResult(plan.name(), Optional.of(training), Optional.empty(), plan.task().theory(),
                    plan.task().reportedMetrics(), Map.of(), Map.of(), Map.of(), training.divergence(), Map.of(),
                    monitorTheory(plan.task(), Optional.of(training)));
        } else {
            LOG.info("{}: trained {} steps in {} s ({} training steps/s); evaluating on {} prompts", plan.name(),
                    training.steps(), String.format("%.1f", training.seconds()),
                    String.format("%.1f", training.stepsPerSecond()), plan.task().evaluationPrompts());
            result = evaluate(plan, Optional.of(training));
        }
        directory.ifPresent(dir -> {
            if (training.divergence().isEmpty()) {
                ParameterFile.write(dir.resolve(RunFiles.PARAMETERS), plan.model().parameters(), plan.name(), training.steps());
                for (Parameter p : plan.model().parameters()) {
                    ParameterHeatmap.save(p, plan.task().tokenLabels(), dir.resolve("heatmap-" + p.name() + ".png"));
                }
                if (plan.model() instanceof AttentionMaps maps) {
                    AttentionMap.save(maps, plan.task().showcasePrompts(ATTENTION_PROMPTS), dir);
                }
            }
            ResultFile.write(dir.resolve(RunFiles.RESULT), result, Provenance.of(threads, plan.seed()));
            TrainingDynamics.save(plan.name(), dir, result.monitorTheory().or(result::theory)
                    .map(t -> new LearningCurves.Reference(t.reference(), t.referenceValue())),
                    plan.model().parameters(), plan.task().tokenLabels());
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
     * task's full evaluation set, and computes the task's curves for each of them; a model loss that is not
     * finite marks the run as diverged at its last step.
     */
    public static RunResult evaluate(RunPlan plan, Optional<TrainingSummary> training) {
        Task task = plan.task();
        Evaluation evaluation = withReasoningSteps(task.evaluate(plan.model(), task.evaluationPrompts()), plan.model());
        Map<String, Object> mechanism = task.inspect(plan.model());
        Optional<Divergence> divergence = Double.isFinite(evaluation.loss()) ? Optional.empty()
                : Optional.of(new Divergence(training.map(TrainingSummary::steps).orElse(0), "eval_loss", evaluation.loss(),
                        "not finite on the full evaluation set"));
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
        Map<String, RunResult> also = new LinkedHashMap<>();
        plan.alsoEvaluated().forEach((name, alternate) -> also.put(name, evaluateAlso(plan, alternate)));
        int iterations = (int) Math.max(evaluation.metrics().get(REASONING_STEPS), also.values().stream()
                .mapToDouble(r -> r.evaluation().orElseThrow().metrics().get(REASONING_STEPS)).max().orElse(1));
        Map<String, Curve> iterationTheory = task.iterationTheory(iterations);
        if (!iterationTheory.isEmpty()) {
            curves.put(ITERATION_THEORY, iterationTheory);
        }
        return new RunResult(plan.name(), training, Optional.of(evaluation), task.theory(), task.reportedMetrics(), mechanism,
                baselines, curves, divergence, also, monitorTheory(task, training));
    }

    /** The task's theory on the prompts the monitor evaluations of {@code training} used; empty without either. */
    private static Optional<Theory> monitorTheory(Task task, Optional<TrainingSummary> training) {
        return training.filter(t -> t.monitorPrompts() > 0).flatMap(t -> task.theory(t.monitorPrompts()));
    }

    /** The trained parameters of {@code plan}'s model, copied into the alternate's model and evaluated on its task. */
    private static RunResult evaluateAlso(RunPlan plan, RunPlan alternate) {
        ParameterFile.copy(plan.name(), plan.model().parameters(), alternate.model().parameters());
        Task task = alternate.task();
        Evaluation evaluation = withReasoningSteps(task.evaluate(alternate.model(), task.evaluationPrompts()), alternate.model());
        return new RunResult(alternate.name(), Optional.empty(), Optional.of(evaluation), task.theory(), task.reportedMetrics(),
                Map.of(), Optional.empty());
    }

    /**
     * Adds {@value #REASONING_STEPS}: the task's rollout steps (metric {@code rollout_steps}, 1 when the task has
     * none) times the model's layer applications, so that CoT steps and loops share one axis.
     */
    static Evaluation withReasoningSteps(Evaluation evaluation, Model model) {
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put(REASONING_STEPS, metrics.getOrDefault("rollout_steps", 1.0) * model.layerApplications());
        return new Evaluation(evaluation.loss(), evaluation.prompts(), metrics);
    }

    /** Files each of {@code series}' curves under its curve name. */
    private static void addCurves(Map<String, Map<String, Curve>> curves, String series, Map<String, Curve> ofSeries) {
        ofSeries.forEach((name, curve) -> curves.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(series, curve));
    }

    private static void writeConfig(RunPlan plan, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        AtomicFile.writeString(dir.resolve(RunFiles.CONFIG), RunPlan.render(plan.config()));
    }
}
