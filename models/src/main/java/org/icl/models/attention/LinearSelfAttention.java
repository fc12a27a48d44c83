package org.icl.models.attention;

import java.util.List;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Decoder;
import org.icl.api.model.Model;

/**
 * One-layer linear self-attention without softmax, f(Z) = Z + V Z · M∘(Zᵀ W Z) / n, with full
 * trainable V, W of the token dimension and M the causal mask (SCIENCE.md §1).
 */
public final class LinearSelfAttention implements Model {

    private final Parameter v;
    private final Parameter w;
    private final boolean causal;
    private final double normalizer;

    /** A layer for tokens of {@code dim} rows, normalised by the context size n, initialised from {@code random}. */
    public LinearSelfAttention(int dim, int contextSize, LinearSelfAttentionSettings settings, RandomGenerator random) {
        this.v = new Parameter("V", dim, dim);
        this.w = new Parameter("W", dim, dim);
        this.causal = settings.causal();
        this.normalizer = 1.0 / contextSize;
        for (Parameter p : List.of(v, w)) {
            double[] data = p.data();
            for (int i = 0; i < data.length; i++) {
                data[i] = settings.initScale() * random.nextGaussian();
            }
        }
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        if (causal) {
            return tape.apply(new CausalLinearAttention(tape, z, v, w, firstOutput, normalizer),
                    z.rows(), z.cols() - firstOutput, z.batch(), z, v, w);
        }
        Tensor queries = firstOutput == 0 ? z : tape.sliceCols(z, firstOutput, z.cols());
        Tensor keysTimesQueries = tape.matmul(z, true, tape.matmul(w, queries), false);
        Tensor scores = causal ? tape.causalMask(keysTimesQueries, firstOutput, 0.0) : keysTimesQueries;
        // V (Z S) rather than (V Z) S: V then multiplies only the query columns, not every token,
        // which makes decoding one column cost O(D·T) instead of O(D²·T).
        Tensor update = tape.matmul(v, tape.matmul(z, tape.scale(scores, normalizer)));
        return tape.add(queries, update);
    }

    @Override
    public Decoder decoder(Tensor prompt) {
        return new RunningStateDecoder(v.data(), w.data(), normalizer, prompt);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(v, w);
    }
}
