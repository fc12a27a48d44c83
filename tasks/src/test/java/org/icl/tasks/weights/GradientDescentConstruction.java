package org.icl.tasks.weights;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A linear self-attention set by hand to the gradient-descent construction of SCIENCE.md §1, so the
 * task can be checked against theory without training: with CoT, V₃₁ = −ηI, W₁₃ = I, W(y, const) = −1;
 * without, V₃₁ = η I and W(y, const) = 1 (one step from w_0 = 0 reads only the labels).
 */
final class GradientDescentConstruction implements Model {

    private final Parameter v;
    private final Parameter w;
    private final double normalizer;

    GradientDescentConstruction(int d, int n, double eta, boolean cot) {
        PromptLayout layout = new PromptLayout(d);
        v = new Parameter("V", layout.rows(), layout.rows());
        w = new Parameter("W", layout.rows(), layout.rows());
        normalizer = 1.0 / n;
        for (int i = 0; i < d; i++) {
            v.set(0, layout.w() + i, layout.x() + i, cot ? -eta : eta);
            if (cot) {
                w.set(0, layout.x() + i, layout.w() + i, 1.0);
            }
        }
        w.set(0, layout.y(), layout.constant(), cot ? -1.0 : 1.0);
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
