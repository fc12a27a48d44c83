package org.icl.tasks.weights;

import org.icl.api.config.Settings;
import org.icl.api.task.Task;
import org.icl.api.task.TaskFactory;

/** Builds {@link WeightPredictionTask}s; config type {@code weight-prediction}. */
public final class WeightPredictionFactory implements TaskFactory {

    @Override
    public Task create(Settings settings, long seed) {
        return new WeightPredictionTask(WeightPredictionSettings.from(settings), seed);
    }
}
