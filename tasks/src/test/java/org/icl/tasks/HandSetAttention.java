package org.icl.tasks;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A causal linear self-attention f(Z) = Z + V Z · M∘(ZᵀWZ)/n whose V and W (named as in the real model) start
 * at zero for a subclass to set by hand to a known construction, so tasks can be checked against theory
 * without the models module or training.
 */
public class HandSetAttention implements Model {

    private final Parameter v;
    private final Parameter w;
    private final double normalizer;

    protected HandSetAttention(int tokenRows, int contextSize) {
        v = new Parameter("V", tokenRows, tokenRows);
        w = new Parameter("W", tokenRows, tokenRows);
        normalizer = 1.0 / contextSize;
    }

    protected final Parameter v() {
        return v;
    }

    protected final Parameter w() {
        return w;
    }

    @Override
    public final Tensor forward(Tape tape, Tensor z, int firstOutput) {
        Tensor queries = tape.sliceCols(z, firstOutput, z.cols());
        Tensor scores = tape.causalMask(tape.matmul(z, true, tape.matmul(w, queries), false), firstOutput, 0.0);
        return tape.add(queries, tape.matmul(tape.matmul(v, z), tape.scale(scores, normalizer)));
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of(v, w);
    }
}
