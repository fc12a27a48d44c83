package org.icl.trainers.optim;

import java.util.Map;

/** Reads one named array of a checkpointed optimiser state, refusing a missing entry or a wrong length. */
final class OptimizerState {

    private OptimizerState() {
    }

    static double[] take(Map<String, double[]> state, String name, int length) {
        double[] values = state.get(name);
        if (values == null) {
            throw new IllegalArgumentException("optimiser state has no '" + name + "'");
        }
        if (values.length != length) {
            throw new IllegalArgumentException("optimiser state '" + name + "' has " + values.length + " values, expected " + length);
        }
        return values.clone();
    }
}
