package org.icl.app.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Task;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.app.wiring.PluginCatalog;

/**
 * One run, ready to go: its complete config and the task, model and trainer built from it.
 * Building reads every setting, so a plan that exists has passed all validation.
 */
public record RunPlan(String name, Config config, long seed, Task task, Model model, Trainer trainer) {

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
        return new RunPlan(name, config, seed, task, model, trainer);
    }

    /** The text of a run's config.conf: the complete config, without origin comments. */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
