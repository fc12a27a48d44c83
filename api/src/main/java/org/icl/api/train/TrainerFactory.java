package org.icl.api.train;

import org.icl.api.config.Settings;
import org.icl.api.plugin.Described;
import org.icl.api.task.TaskShape;

/** Builds a trainer from its validated config block; registered under the trainer's {@code type}. */
public interface TrainerFactory extends Described {

    Trainer create(Settings settings);

    /**
     * Refuses, before any work, settings whose training memory for prompts of {@code shape} cannot fit
     * (see {@link org.icl.api.config.MemoryBudget}); by default nothing is checked.
     */
    default void requireMemory(Settings settings, TaskShape shape) {
    }
}
