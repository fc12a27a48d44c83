package org.icl.api.train;

import org.icl.api.model.Model;
import org.icl.api.task.Task;

/** Fits a model's parameters to a task's training loss. */
public interface Trainer {

    TrainingSummary train(Task task, Model model, RunContext context);
}
