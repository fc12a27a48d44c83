package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SIMD product against the plain loops, over heights that exercise full blocks, overlapping last vectors and tails. */
class VectorGemmTest {

    @ParameterizedTest(name = "m={0}, n={1}, p={2}")
    @CsvSource({"4, 3, 5", "7, 4, 3", "11, 20, 11", "16, 5, 9", "17, 6, 4", "20, 3, 7", "22, 41, 22", "22, 22, 300", "30, 5, 8", "53, 2, 3"})
    void agreesWithThePlainLoops(int m, int n, int p) {
        assertTrue(Gemm.VECTOR, "the tests run with --add-modules jdk.incubator.vector (see the parent pom)");
        SplittableRandom random = new SplittableRandom(m * 1000L + n * 10L + p);
        int lda = m + 2;
        double[] a = gaussians(random, lda * p + 1);
        for (boolean transB : new boolean[] {false, true}) {
            int ldb = (transB ? n : p) + 1;
            double[] b = gaussians(random, ldb * (transB ? p : n) + 2);
            double[] start = gaussians(random, m * n + 3);
            for (boolean accumulate : new boolean[] {false, true}) {
                double[] vector = start.clone();
                double[] plain = start.clone();
                VectorGemm.multiply(a, 1, lda, b, 2, ldb, transB, vector, 3, m, n, p, accumulate);
                if (!accumulate) {
                    java.util.Arrays.fill(plain, 3, 3 + m * n, 0.0);
                }
                Gemm.plain(a, 1, lda, b, 2, ldb, transB, plain, 3, m, n, p);
                for (int i = 0; i < plain.length; i++) {
                    // Sums of p products of O(1) Gaussians, in the same order but with fused multiply-adds:
                    // rounding differences near p·1e-16.
                    assertEquals(plain[i], vector[i], 1e-13 * Math.max(1, p), "entry " + i + ", transB " + transB + ", accumulate " + accumulate);
                }
            }
        }
    }

    private static double[] gaussians(SplittableRandom random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
