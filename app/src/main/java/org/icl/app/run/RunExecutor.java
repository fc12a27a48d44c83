package org.icl.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.typesafe.config.ConfigRenderOptions;

import org.icl.api.autodiff.Parameter;
import org.icl.api.model.AttentionMaps;
import org.icl.api.task.Evaluation;
import org.icl.api.train.RunContext;
import org.icl.api.train.TrainingSummary;
import org.icl.app.plot.AttentionMap;
import org.icl.app.plot.ParameterHeatmap;
import org.icl.trainers.loop.ParameterFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RunPlan}: trains, evaluates on the task's full evaluation set, and fills the
 * run directory with config.conf, metrics.csv, parameters.json, result.json, heatmaps of the parameters
 * and, for a model that shows its attention, attention maps on a few of the task's prompts.
 */
public final class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    /** Prompts whose attention maps a run of a model that shows them draws. */
    static final int ATTENTION_PROMPTS = 3;

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
            if (plan.model() instanceof AttentionMaps maps) {
                AttentionMap.save(maps, plan.task().showcasePrompts(ATTENTION_PROMPTS), dir);
            }
            ResultFile.write(dir.resolve("result.json"), result);
            LOG.info("{}: results in {}", plan.name(), dir);
        });
        return result;
    }

    /** Evaluates the plan's model as it stands (trained, or loaded from a run) on the task's full evaluation set. */
    public static RunResult evaluate(RunPlan plan, Optional<TrainingSummary> training) {
        Evaluation evaluation = plan.task().evaluate(plan.model(), plan.task().evaluationPrompts());
        Map<String, Object> mechanism = plan.task().inspect(plan.model());
        return new RunResult(plan.name(), training, evaluation, plan.task().theory(), plan.task().reportedMetrics(),
                mechanism);
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
