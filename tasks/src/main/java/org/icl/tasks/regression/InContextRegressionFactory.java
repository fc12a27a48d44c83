package org.icl.tasks.regression;

import org.icl.api.config.Settings;
import org.icl.api.task.Task;
import org.icl.api.task.TaskFactory;

/** Builds {@link InContextRegressionTask}s; config type {@code icl-regression}. */
public final class InContextRegressionFactory implements TaskFactory {

    @Override
    public String description() {
        return "standard in-context linear regression (Garg et al. 2022): predict the query's label from n examples";
    }

    @Override
    public Task create(Settings settings, long seed) {
        return new InContextRegressionTask(InContextRegressionSettings.from(settings), seed);
    }
}
