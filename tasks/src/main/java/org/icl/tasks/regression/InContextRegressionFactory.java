package org.icl.tasks.regression;

import org.icl.api.config.Settings;
import org.icl.api.task.Task;
import org.icl.api.task.TaskFactory;

/** Builds {@link InContextRegressionTask}s; config type {@code icl-regression}. */
public final class InContextRegressionFactory implements TaskFactory {

    @Override
    public Task create(Settings settings, long seed) {
        return new InContextRegressionTask(InContextRegressionSettings.from(settings), seed);
    }
}
