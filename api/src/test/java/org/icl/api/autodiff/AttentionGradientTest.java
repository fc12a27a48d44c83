package org.icl.api.autodiff;

import static org.icl.api.autodiff.GradientFixtures.assertGradients;
import static org.icl.api.autodiff.GradientFixtures.constant;
import static org.icl.api.autodiff.GradientFixtures.leaf;
import static org.icl.api.autodiff.GradientFixtures.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Gradient of the linear self-attention layer f(Z) = Z + V Z · mask(Zᵀ W Z)/n, composed from tape ops. */
class AttentionGradientTest {

    private static final int D = 4;
    private static final int N = 5;
    private static final int BATCH = 3;
    private static final int KEPT = 2;

    /** The layer as the models build it: W·Z and V·Z take the wide path, Zᵀ(WZ) uses the transpose flag. */
    static Tensor attention(Tape tape, Tensor v, Tensor w, Tensor z) {
        Tensor wz = tape.matmul(w, z);
        Tensor scores = tape.matmul(z, true, wz, false);
        Tensor masked = tape.scale(tape.causalMask(scores, 0.0), 1.0 / N);
        Tensor vz = tape.matmul(v, z);
        return tape.add(z, tape.matmul(vz, masked));
    }

    @Test
    void parametersOfTheLayer() {
        SplittableRandom random = new SplittableRandom(41);
        Parameter v = parameter("V", D, D, random);
        Parameter w = parameter("W", D, D, random);
        Tensor z = constant(D, N, BATCH, random);
        Tensor target = constant(D, KEPT, BATCH, random);
        assertGradients("attention, V and W",
                (tape, in) -> tape.squaredError(tape.sliceCols(attention(tape, in.get(0), in.get(1), z), N - KEPT, N),
                        target),
                List.of(v, w));
        assertNull(z.grad(), "the constant input got a gradient");
        assertNull(target.grad(), "the target got a gradient");
    }

    @Test
    void parametersAndTheBatchedInput() {
        // Z enters four times (residual, keys, queries, values): its gradient sums all four paths.
        SplittableRandom random = new SplittableRandom(42);
        Parameter v = parameter("V", D, D, random);
        Parameter w = parameter("W", D, D, random);
        Tensor z = leaf(D, N, BATCH, random);
        Tensor target = constant(1, KEPT, BATCH, random);
        assertGradients("attention, V, W and Z",
                (tape, in) -> tape.squaredError(tape.sliceRows(tape.sliceCols(
                        attention(tape, in.get(0), in.get(1), in.get(2)), N - KEPT, N), D - 1, D), target),
                List.of(v, w, z));
    }

    @Test
    void forwardMatchesNaiveComputation() {
        SplittableRandom random = new SplittableRandom(43);
        Parameter v = parameter("V", D, D, random);
        Parameter w = parameter("W", D, D, random);
        Tensor z = constant(D, N, BATCH, random);
        Tensor f = attention(Tape.forInference(), v, w, z);
        for (int s = 0; s < BATCH; s++) {
            double[][] scores = new double[N][N];
            for (int i = 0; i < N; i++) {
                for (int j = i; j < N; j++) { // causal: key i ≤ query j
                    double total = 0;
                    for (int p = 0; p < D; p++) {
                        for (int q = 0; q < D; q++) {
                            total += z.get(s, p, i) * w.get(0, p, q) * z.get(s, q, j);
                        }
                    }
                    scores[i][j] = total / N;
                }
            }
            for (int r = 0; r < D; r++) {
                for (int j = 0; j < N; j++) {
                    double expected = z.get(s, r, j);
                    for (int i = 0; i < N; i++) {
                        double vz = 0;
                        for (int q = 0; q < D; q++) {
                            vz += v.get(0, r, q) * z.get(s, q, i);
                        }
                        expected += vz * scores[i][j];
                    }
                    assertEquals(expected, f.get(s, r, j), 1e-13);
                }
            }
        }
    }
}
