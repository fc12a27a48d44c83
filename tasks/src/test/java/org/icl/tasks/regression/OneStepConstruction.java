package org.icl.tasks.regression;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A causal linear self-attention f(Z) = Z + V Z · M∘(ZᵀWZ)/n set by hand to one GD step (von Oswald et al.):
 * V(y, y) = η and W's x×x block = I, all else zero, so the query's y-row becomes η x_qᵀ(1/n)Σ_j y_j x_j.
 */
final class OneStepConstruction implements Model {

    private final Parameter v;
    private final Parameter w;
    private final double normalizer;

    OneStepConstruction(int d, int n, double eta) {
        QueryLayout layout = new QueryLayout(d);
        v = new Parameter("V", layout.rows(), layout.rows());
        w = new Parameter("W", layout.rows(), layout.rows());
        normalizer = 1.0 / n;
        v.set(0, layout.y(), layout.y(), eta);
        for (int i = 0; i < d; i++) {
            w.set(0, i, i, 1.0);
        }
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        Tensor queries = tape.sliceCols(z, firstOutput, z.cols());
        Tensor scores = tape.causalMask(tape.matmul(z, true, tape.matmul(w, queries), false), firstOutput, 0.0);
        return tape.add(queries, tape.matmul(tape.matmul(v, z), tape.scale(scores, normalizer)));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(v, w);
    }
}
