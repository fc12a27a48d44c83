package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIMD column loops against plain loops, for every height they accept (three- and six-vector forms, with overlap). */
class VectorColumnsTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 7, 8, 11, 12, 13, 16, 17, 22, 24})
    void agreeWithPlainLoops(int r) {
        assertTrue(Gemm.vectorApi(), "the tests run with --add-modules jdk.incubator.vector (see the parent pom)");
        SplittableRandom random = new SplittableRandom(r);
        double[] m = gaussians(random, r * r + 5);
        double[] x = gaussians(random, r + 3);
        double[] y = gaussians(random, r + 7);
        double alpha = random.nextGaussian();

        double[] vector = y.clone();
        double[] plain = y.clone();
        VectorColumns.addScaled(vector, 2, alpha, x, 1, r);
        for (int i = 0; i < r; i++) {
            plain[2 + i] += x[1 + i] * alpha;
        }
        for (int i = 0; i < y.length; i++) {
            // One fused multiply-add against a multiply and an add: at most one rounding apart.
            assertEquals(plain[i], vector[i], 1e-15 * (1 + Math.abs(plain[i])), "addScaled, entry " + i);
        }

        vector = y.clone();
        plain = y.clone();
        VectorColumns.multiplyAdd(m, 3, r, x, 1, 0.7, vector, 2);
        for (int j = 0; j < r; j++) {
            double xj = 0.7 * x[1 + j];
            for (int i = 0; i < r; i++) {
                plain[2 + i] += m[3 + j * r + i] * xj;
            }
        }
        for (int i = 0; i < y.length; i++) {
            assertEquals(plain[i], vector[i], 1e-14 * r, "multiplyAdd, entry " + i);
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
