package org.icl.trainers.optim;

import java.util.List;
import java.util.Map;

import org.icl.api.autodiff.Parameter;

/**
 * Updates parameters from their accumulated gradients; holds its own per-parameter state for one
 * run, which it hands out for a checkpoint and takes back on resume.
 */
public interface Optimizer {

    /** Applies one update with step size {@code learningRate} to every parameter from its current gradient. */
    void step(List<Parameter> parameters, double learningRate);

    /** The state a resumed run needs to continue exactly, by name (e.g. "m/V"), for {@code parameters}. */
    Map<String, double[]> state(List<Parameter> parameters);

    /**
     * Takes back state from {@link #state}; throws IllegalArgumentException naming the first entry that
     * is missing or has the wrong length.
     */
    void restore(List<Parameter> parameters, Map<String, double[]> state);
}
