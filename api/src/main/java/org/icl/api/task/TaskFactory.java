package org.icl.api.task;

import org.icl.api.config.Settings;
import org.icl.api.plugin.Described;

/** Builds a task from its validated config block; registered under the task's {@code type}. */
public interface TaskFactory extends Described {

    /** Reads every setting eagerly (failing with {@link org.icl.api.config.InvalidSettingException}) and builds the task. */
    Task create(Settings settings, long seed);
}
