package org.icl.api.model;

import org.icl.api.config.Settings;
import org.icl.api.plugin.Described;
import org.icl.api.task.TaskShape;

/** Builds a model for the shape a task announces; registered under the model's {@code type}. */
public interface ModelFactory extends Described {

    /** Reads every setting eagerly and builds a freshly initialised model from {@code seed}. */
    Model create(Settings settings, TaskShape shape, long seed);
}
