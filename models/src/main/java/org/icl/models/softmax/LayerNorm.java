package org.icl.models.softmax;

import java.util.Arrays;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;

/** Layer norm over the rows of each token column, with a trained gain (starting at 1) and bias (starting at 0). */
final class LayerNorm {

    private final Parameter gain;
    private final Parameter bias;
    private final double epsilon;

    /** A layer norm for columns of {@code width} rows; its parameters are called {@code name}-gain and {@code name}-bias. */
    LayerNorm(String name, int width, double epsilon) {
        this.gain = new Parameter(name + "-gain", width, 1);
        this.bias = new Parameter(name + "-bias", width, 1);
        this.epsilon = epsilon;
        Arrays.fill(gain.data(), 1.0);
    }

    Tensor apply(Tape tape, Tensor x) {
        return tape.addColumn(tape.scaleRows(tape.normalizeColumns(x, epsilon), gain), bias);
    }

    List<Parameter> parameters() {
        return List.of(gain, bias);
    }
}
