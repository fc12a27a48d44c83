package org.icl.trainers.optim;

import java.util.List;

import org.icl.api.autodiff.Parameter;

/** Updates parameters from their accumulated gradients; holds its own per-parameter state for one run. */
public interface Optimizer {

    /** Applies one update to every parameter from its current gradient. */
    void step(List<Parameter> parameters);
}
