package org.icl.api.autodiff;

import static org.icl.api.autodiff.GradientFixtures.leaf;
import static org.icl.api.autodiff.GradientFixtures.trainable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Products with a mostly-zero constant operand take the sparse path ({@link SparseColumns}); they must give
 * the dense path's values and the other operand's gradient, for every transpose flag, batching and side.
 * The dense twin is the same matrix as a tensor that requires a gradient, which never takes the sparse path.
 */
class SparseProductTest {

    private static final int BATCH = 3;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] batchings = {{1, BATCH}, {BATCH, 1}, {BATCH, BATCH}, {1, 1}};
        // Small shapes reach the Vector API's plain tail rows; the large one only its fused multiply-adds.
        int[][] sizes = {{3, 5, 2}, {6, 7, 5}, {20, 24, 17}};
        for (boolean sparseLeft : new boolean[] {true, false}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int[] batching : batchings) {
                        for (int[] size : sizes) {
                            cases.add(Arguments.of(sparseLeft, ta, tb, batching[0], batching[1], size[0], size[1], size[2]));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "sparse left {0}, ta={1} tb={2} batches {3},{4} m={5} p={6} n={7}")
    @MethodSource("cases")
    void sparseConstantGivesTheDenseProductAndGradient(boolean sparseLeft, boolean ta, boolean tb, int aBatch, int bBatch,
                                                       int m, int p, int n) {
        SplittableRandom random = new SplittableRandom(m * 100L + p * 10L + n);
        int sRows = sparseLeft ? (ta ? p : m) : (tb ? n : p);
        int sCols = sparseLeft ? (ta ? m : p) : (tb ? p : n);
        int sBatch = sparseLeft ? aBatch : bBatch;
        double[] values = oneInTen(sRows * sCols * sBatch, random);
        Tensor sparse = Tensor.wrap(sRows, sCols, sBatch, values);
        Tensor denseTwin = leaf(sRows, sCols, sBatch, random);
        System.arraycopy(values, 0, denseTwin.data(), 0, values.length);
        Tensor other = sparseLeft ? trainable(tb ? n : p, tb ? p : n, bBatch, random) : trainable(ta ? p : m, ta ? m : p, aBatch, random);
        double[] weights = GradientFixtures.leaf(m, n, Math.max(aBatch, bBatch), random).data();

        Run viaSparse = run(sparseLeft, sparse, other, ta, tb, weights);
        assertNotNull(sparse.nonzeros, "a one-in-ten constant takes the sparse path");
        Run viaDense = run(sparseLeft, denseTwin, other, ta, tb, weights);

        boolean fusedEverywhere = m > 16 && n > 16 && p > 16;
        for (int i = 0; i < viaDense.output.length; i++) {
            // Sums of up to p products in the same order: rounding differences near p·1e-16 where the dense path
            // multiplies and adds separately; none where it fuses them too.
            assertEquals(viaDense.output[i], viaSparse.output[i], fusedEverywhere ? 0 : 1e-14 * p, "output entry " + i);
        }
        for (int i = 0; i < viaDense.gradient.length; i++) {
            assertEquals(viaDense.gradient[i], viaSparse.gradient[i], fusedEverywhere ? 0 : 1e-14 * Math.max(m, Math.max(n, p)),
                    "gradient entry " + i);
        }
    }

    @Test
    void denseConstantsAndZerosAreRecognised() {
        assertNull(SparseColumns.of(new double[] {1, 2, 0, 4}, 2, 2), "three of four nonzero is dense");
        SparseColumns oneHot = SparseColumns.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, -0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5}, 10, 2);
        assertNotNull(oneHot);
        double[] out = new double[2];
        // [0 … 0.5]ᵀ picks the last row of each column of B = I-like: (row 9 of column 1) × B(9, j).
        double[] b = new double[20];
        b[9] = 3;
        b[19] = 5;
        oneHot.timesDense(0, true, b, 0, 10, false, out, 0, 2, 1, 10, false);
        assertArrayEquals(new double[] {0, 1.5}, out, "−0 is skipped as zero; the 0.5 at row 9 of column 1 is kept");
    }

    private record Run(double[] output, double[] gradient) {
    }

    /** out = op(a)·op(b) with the sparse candidate on its side, then the gradient of Σ weights ∘ out for the other operand. */
    private static Run run(boolean sparseLeft, Tensor candidate, Tensor other, boolean ta, boolean tb, double[] weights) {
        if (other.grad() != null) {
            java.util.Arrays.fill(other.grad().data, 0.0);
        }
        Tape tape = Tape.forTraining();
        Tensor out = sparseLeft ? tape.matmul(candidate, ta, other, tb) : tape.matmul(other, ta, candidate, tb);
        Tensor w = Tensor.wrap(out.rows(), out.cols(), out.batch(), java.util.Arrays.copyOf(weights, out.size()));
        tape.backward(tape.sum(tape.hadamard(out, w)));
        return new Run(out.data().clone(), other.grad().data.clone());
    }

    private static double[] oneInTen(int size, SplittableRandom random) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextInt(10) == 0 ? random.nextDouble(-1, 1) : 0.0;
        }
        return values;
    }
}
