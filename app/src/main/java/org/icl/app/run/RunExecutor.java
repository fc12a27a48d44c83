package org.icl.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.io.AtomicFile;
import org.icl.api.task.Evaluation;
import org.icl.api.train.Divergence;
import org.icl.api.train.RunContext;
import org.icl.api.train.TrainingSummary;
import org.icl.app.plot.ParameterHeatmap;
import org.icl.trainers.loop.ParameterFile;
import org.icl.trainers.loop.RunFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RunPlan}: trains (or continues from the run's checkpoint), evaluates on the
 * task's full evaluation set, and fills the run directory with config.conf, metrics.csv,
 * parameters.json, checkpoint.bin, result.json and heatmaps. A diverged run gets a result.json with
 * status "diverged" and keeps the files written before.
 */
public final class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

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
            result = new RunResult(plan.name(), Optional.of(training), Optional.empty(), plan.task().theory(), Map.of(),
                    training.divergence());
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
            }
            ResultFile.write(dir.resolve(RunFiles.RESULT), result, Provenance.of(threads, plan.seed()));
            LOG.info("{}: results in {}", plan.name(), dir);
        });
        return result;
    }

    /**
     * Evaluates the plan's model as it stands (trained, or loaded from a run) on the task's full
     * evaluation set; a loss that is not finite marks the run as diverged at its last step.
     */
    public static RunResult evaluate(RunPlan plan, Optional<TrainingSummary> training) {
        Evaluation evaluation = plan.task().evaluate(plan.model(), plan.task().evaluationPrompts());
        Map<String, Object> mechanism = plan.task().inspect(plan.model());
        Optional<Divergence> divergence = Double.isFinite(evaluation.loss()) ? Optional.empty()
                : Optional.of(new Divergence(training.map(TrainingSummary::steps).orElse(0), "eval_loss", evaluation.loss(),
                        "not finite on the full evaluation set"));
        return new RunResult(plan.name(), training, Optional.of(evaluation), plan.task().theory(), mechanism, divergence);
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
