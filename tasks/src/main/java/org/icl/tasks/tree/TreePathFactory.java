package org.icl.tasks.tree;

import org.icl.api.config.Settings;
import org.icl.api.task.Task;
import org.icl.api.task.TaskFactory;

/** Builds {@link TreePathTask}s; config type {@code tree-path}. */
public final class TreePathFactory implements TaskFactory {

    @Override
    public Task create(Settings settings, long seed) {
        return new TreePathTask(TreePathSettings.from(settings), seed);
    }
}
