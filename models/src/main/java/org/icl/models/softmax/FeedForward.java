package org.icl.models.softmax;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Elementwise;
import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.random.Seeds;

/**
 * The MLP sublayer of a transformer block, y + W2 relu(W1 norm(y) + b1) + b2, where norm is an
 * optional layer norm. W2 and the biases start at zero, so the sublayer starts as the identity and
 * W1 (Gaussian) still gets a gradient as soon as W2 moves.
 */
final class FeedForward {

    private final LayerNorm norm;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;

    FeedForward(int width, int hidden, double initScale, LayerNorm norm, long seed) {
        this.norm = norm;
        this.w1 = new Parameter("W1", hidden, width);
        this.b1 = new Parameter("b1", hidden, 1);
        this.w2 = new Parameter("W2", width, hidden);
        this.b2 = new Parameter("b2", width, 1);
        Initialisation.GAUSSIAN.fill(w1.data(), hidden, width, initScale, Seeds.stream(seed, "W1"));
    }

    Tensor apply(Tape tape, Tensor y) {
        Tensor in = norm == null ? y : norm.apply(tape, y);
        Tensor hidden = tape.map(tape.addColumn(tape.matmul(w1, in), b1), Elementwise.RELU);
        return tape.add(y, tape.addColumn(tape.matmul(w2, hidden), b2));
    }

    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        if (norm != null) {
            all.addAll(norm.parameters());
        }
        all.addAll(List.of(w1, b1, w2, b2));
        return all;
    }
}
