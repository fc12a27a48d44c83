package org.icl.api.train;

import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;

/**
 * Builds a trainer from its config block; registered under the trainer's {@code type} with
 * {@link org.icl.api.plugin.PluginModule#registerTrainer}. The block holds every key of
 * {@code icl.defaults.trainer.<type>} in the plugin's {@code reference.conf} plus {@code type}.
 */
public interface TrainerFactory {

    /** Reads every setting eagerly (failing with {@link org.icl.api.config.InvalidSettingException}) and builds the trainer. */
    Trainer create(Settings settings);

    /**
     * Refuses, before any work, settings whose training memory for prompts of {@code shape} cannot fit
     * (see {@link org.icl.api.config.MemoryBudget}); by default nothing is checked.
     */
    default void requireMemory(Settings settings, TaskShape shape) {
    }
}
