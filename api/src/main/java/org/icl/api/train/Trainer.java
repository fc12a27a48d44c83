package org.icl.api.train;

import org.icl.api.model.Model;
import org.icl.api.task.Task;

/** Fits a model's parameters to a task's training loss. */
public interface Trainer {

    /** Trains {@code model} in place on {@code task}'s training loss, writing metrics into the run's directory if it has one. */
    TrainingSummary train(Task task, Model model, RunContext context);
}
