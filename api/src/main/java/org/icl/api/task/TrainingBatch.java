package org.icl.api.task;

import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/** One step's training prompts, already written onto a tape by {@link Task#sampleTraining}; the model is applied later. */
@FunctionalInterface
public interface TrainingBatch {

    /** Applies the model to the prompts on their tape and returns the scalar loss, a mean over the prompts. */
    Tensor loss(Model model);
}
