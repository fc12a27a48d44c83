package org.icl.app.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

import org.icl.api.autodiff.Parameter;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Task;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.app.wiring.PluginCatalog;

/**
 * One run, ready to go: its complete config, the task, model and trainer built from it, and the
 * {@code evaluate-also} alternates (the run's config with some task or model keys changed, under their
 * names) on which the trained parameters are evaluated too. Building reads every setting, so a plan
 * that exists has passed all validation.
 */
public record RunPlan(String name, Config config, long seed, Task task, Model model, Trainer trainer,
                      Map<String, RunPlan> alsoEvaluated) {

    /** The run key of the named extra evaluations. */
    public static final String EVALUATE_ALSO = "evaluate-also";

    public RunPlan {
        alsoEvaluated = Collections.unmodifiableMap(new LinkedHashMap<>(alsoEvaluated));
    }

    /** Builds the components of a complete, validated config (see {@link org.icl.app.config.RunConfigLoader}). */
    public static RunPlan assemble(String name, Config config, PluginCatalog catalog) {
        Settings root = new Settings(config, "");
        long seed = root.longValue("seed");
        Settings taskBlock = root.child("task");
        Settings modelBlock = root.child("model");
        Settings trainerBlock = root.child("trainer");
        Task task = catalog.tasks().get(taskBlock.string("type")).create(taskBlock, Seeds.derive(seed, "task"));
        Model model = catalog.models().get(modelBlock.string("type"))
                .create(modelBlock, task.shape(), Seeds.derive(seed, "model"));
        TrainerFactory trainers = catalog.trainers().get(trainerBlock.string("type"));
        trainers.requireMemory(trainerBlock, task.shape());
        Trainer trainer = trainers.create(trainerBlock);
        Map<String, RunPlan> alternates = new LinkedHashMap<>();
        if (config.hasPath(EVALUATE_ALSO)) {
            Config also = config.getConfig(EVALUATE_ALSO);
            for (String alternate : also.root().keySet()) {
                Config changes = also.getConfig(alternate);
                // same seed, so the same evaluation prompts and the same initial shapes
                Config altered = changes.withFallback(config.withoutPath(EVALUATE_ALSO));
                RunPlan plan = assemble(name + "/" + alternate, altered, catalog);
                requireSameShapes(EVALUATE_ALSO + "." + alternate + " ("
                        + Settings.describe(also.getValue(alternate).origin()) + ")", model.parameters(), plan.model().parameters());
                alternates.put(alternate, plan);
            }
        }
        return new RunPlan(name, config, seed, task, model, trainer, alternates);
    }

    private static void requireSameShapes(String path, List<Parameter> trained, List<Parameter> alternate) {
        List<String> expected = trained.stream().map(p -> p.name() + " " + p.rows() + "×" + p.cols()).toList();
        List<String> found = alternate.stream().map(p -> p.name() + " " + p.rows() + "×" + p.cols()).toList();
        if (!expected.equals(found)) {
            throw new InvalidSettingException(path + ": its model has the parameters " + found + ", the trained one "
                    + expected + "; only settings that keep the parameters' shapes can be evaluated also");
        }
    }

    /** The text of a run's config.conf: the complete config, without origin comments. */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
