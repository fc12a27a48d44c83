package org.icl.examples.power;

import org.icl.api.config.Settings;
import org.icl.api.task.Task;
import org.icl.api.task.TaskFactory;

/** Builds {@link PowerIterationTask}s; config type {@code power-iteration}. */
public final class PowerIterationFactory implements TaskFactory {

    @Override
    public Task create(Settings settings, long seed) {
        return new PowerIterationTask(PowerIterationSettings.from(settings), seed);
    }
}
