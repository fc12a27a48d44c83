package org.icl.api.task;

import org.icl.api.config.Settings;

/**
 * Builds a task from its config block; registered under the task's {@code type} with
 * {@link org.icl.api.plugin.PluginModule#registerTask}. One factory builds many tasks (a study
 * builds one per variant), so it keeps no state of its own.
 *
 * <p>The block holds every key of {@code icl.defaults.task.<type>} in the plugin's
 * {@code reference.conf}, laid under the user's values, plus {@code type}; unknown keys were
 * rejected before {@link #create} is called. The description of the type and of each setting is
 * the {@code # comment} directly above it in that {@code reference.conf}.
 */
public interface TaskFactory {

    /**
     * Reads every setting eagerly, with range checks that throw
     * {@link org.icl.api.config.InvalidSettingException} (use the {@link Settings} readers, whose
     * errors name the key and the file and line its value came from), and builds the task.
     *
     * @param settings the task's config block
     * @param seed     the task's own seed; its evaluation prompts must be drawn from it alone, so
     *                 that runs sharing a seed share their evaluation prompts
     */
    Task create(Settings settings, long seed);
}
