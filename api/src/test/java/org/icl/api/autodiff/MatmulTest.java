package org.icl.api.autodiff;

import static org.icl.api.autodiff.GradientFixtures.assertGradients;
import static org.icl.api.autodiff.GradientFixtures.constant;
import static org.icl.api.autodiff.GradientFixtures.projected;
import static org.icl.api.autodiff.GradientFixtures.trainable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matmul: gradients for every transpose-flag and batching combination, and forward values against a naive product. */
class MatmulTest {

    private static final int BATCH = 3;

    /**
     * Every flag pair × batching (a shared, b shared, both batched, both single) × two sizes. The inner
     * dimensions of forward and backward products span both the four-column unrolled loop of {@link Gemm} and
     * its remainder. (a batch 1, b batched, b not transposed) is the 'wide' fast path.
     */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] batchings = {{1, BATCH}, {BATCH, 1}, {BATCH, BATCH}, {1, 1}};
        int[][] sizes = {{3, 5, 2}, {5, 4, 6}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] batching : batchings) {
                    for (int[] size : sizes) {
                        cases.add(Arguments.of(ta, tb, batching[0], batching[1], size[0], size[1], size[2]));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static String label(boolean ta, boolean tb, int aBatch, int bBatch, int m, int p, int n) {
        boolean wide = aBatch == 1 && bBatch > 1 && !tb;
        return "a" + (ta ? "ᵀ" : "") + "(batch " + aBatch + ") · b" + (tb ? "ᵀ" : "") + "(batch " + bBatch + "), "
                + m + "×" + p + "·" + p + "×" + n + (wide ? " [wide]" : "");
    }

    @ParameterizedTest(name = "ta={0} tb={1} batches {2},{3} m={4} p={5} n={6}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(boolean ta, boolean tb, int aBatch, int bBatch, int m, int p, int n) {
        String label = label(ta, tb, aBatch, bBatch, m, p, n);
        SplittableRandom random = new SplittableRandom(11);
        Tensor a = ta ? trainable(p, m, aBatch, random) : trainable(m, p, aBatch, random);
        Tensor b = tb ? trainable(n, p, bBatch, random) : trainable(p, n, bBatch, random);

        assertGradients(label + ", both", projected(1, (tape, in) -> tape.matmul(in.get(0), ta, in.get(1), tb)),
                List.of(a, b));

        // One operand constant: its gradient must stay absent, the other's must still be right.
        Tensor constantB = tb ? constant(n, p, bBatch, random) : constant(p, n, bBatch, random);
        assertGradients(label + ", a only",
                projected(2, (tape, in) -> tape.matmul(in.get(0), ta, constantB, tb)), List.of(a));
        assertNull(constantB.grad(), "constant b got a gradient");

        Tensor constantA = ta ? constant(p, m, aBatch, random) : constant(m, p, aBatch, random);
        assertGradients(label + ", b only",
                projected(3, (tape, in) -> tape.matmul(constantA, ta, in.get(0), tb)), List.of(b));
        assertNull(constantA.grad(), "constant a got a gradient");
    }

    @ParameterizedTest(name = "ta={0} tb={1} batches {2},{3} m={4} p={5} n={6}")
    @MethodSource("cases")
    void forwardMatchesNaiveProduct(boolean ta, boolean tb, int aBatch, int bBatch, int m, int p, int n) {
        SplittableRandom random = new SplittableRandom(5);
        Tensor a = ta ? constant(p, m, aBatch, random) : constant(m, p, aBatch, random);
        Tensor b = tb ? constant(n, p, bBatch, random) : constant(p, n, bBatch, random);
        for (Tape tape : new Tape[] {Tape.forInference(), Tape.forTraining()}) {
            Tensor c = tape.matmul(a, ta, b, tb);
            int batch = Math.max(aBatch, bBatch);
            assertEquals(m, c.rows());
            assertEquals(n, c.cols());
            assertEquals(batch, c.batch());
            for (int s = 0; s < batch; s++) {
                int sa = aBatch == 1 ? 0 : s;
                int sb = bBatch == 1 ? 0 : s;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double expected = 0;
                        for (int q = 0; q < p; q++) {
                            double aiq = ta ? a.get(sa, q, i) : a.get(sa, i, q);
                            double bqj = tb ? b.get(sb, j, q) : b.get(sb, q, j);
                            expected += aiq * bqj;
                        }
                        assertEquals(expected, c.get(s, i, j), 1e-13,
                                label(ta, tb, aBatch, bBatch, m, p, n) + " entry (" + s + "," + i + "," + j + ")");
                    }
                }
            }
        }
    }
}
