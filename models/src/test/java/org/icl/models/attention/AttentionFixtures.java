package org.icl.models.attention;

import java.util.SplittableRandom;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tensor;

/** Shared inputs and a naive reference implementation of linear self-attention for the model tests. */
public final class AttentionFixtures {

    private AttentionFixtures() {
    }

    /** A batch of standard-Gaussian token matrices of {@code dim × length}. */
    public static Tensor randomInput(int dim, int length, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] data = new double[dim * length * batch];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
        }
        return Tensor.wrap(dim, length, batch, data);
    }

    /** A model of the given dimension with i.i.d. N(0, scale²) entries in V and W. */
    static LinearSelfAttention model(int dim, int contextSize, double scale, boolean causal, long seed) {
        return new LinearSelfAttention(dim, contextSize, new LinearSelfAttentionSettings(scale, causal),
                new SplittableRandom(seed));
    }

    /**
     * out[b][:, t] = z_t + (1/n) Σ_s V z_s (z_sᵀ W z_t), the sum over s ≤ t when causal and over all
     * columns otherwise, written with plain loops and no tape; indexed [batch][row][column].
     */
    static double[][][] naive(Tensor z, Parameter v, Parameter w, int n, boolean causal) {
        int d = z.rows();
        int length = z.cols();
        double[][][] out = new double[z.batch()][d][length];
        for (int b = 0; b < z.batch(); b++) {
            for (int t = 0; t < length; t++) {
                double[] update = new double[d];
                int lastKey = causal ? t : length - 1;
                for (int s = 0; s <= lastKey; s++) {
                    double score = 0; // z_sᵀ W z_t
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            score += z.get(b, i, s) * w.get(0, i, j) * z.get(b, j, t);
                        }
                    }
                    for (int i = 0; i < d; i++) {
                        double vz = 0; // (V z_s)_i
                        for (int j = 0; j < d; j++) {
                            vz += v.get(0, i, j) * z.get(b, j, s);
                        }
                        update[i] += vz * score;
                    }
                }
                for (int i = 0; i < d; i++) {
                    out[b][i][t] = z.get(b, i, t) + update[i] / n;
                }
            }
        }
        return out;
    }
}
