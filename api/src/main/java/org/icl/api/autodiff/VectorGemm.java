package org.icl.api.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s product with explicit SIMD (the incubating Vector API): a column of C is held in
 * vector registers, 16 rows at a time, while the inner dimension is swept; the JIT alone does not
 * vectorise loops as short as a 22-row column. Each entry of C is a sum over the inner dimension in
 * index order, as in the plain loops, so results do not depend on threads; they may differ from the
 * plain loops' in the last bits. Loaded only when the JVM runs with {@code --add-modules
 * jdk.incubator.vector} (as {@code bin/icl} does).
 */
final class VectorGemm {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_256;
    private static final int WIDTH = 4;

    private VectorGemm() {
    }

    /**
     * C (m×n, leading dimension m, at cOff) = A (m×p, lda) · op(B) (p×n), adding to C when
     * {@code accumulate}. Rows go in blocks of up to 24 while more than 16 are left (six vectors held
     * in registers while the inner dimension is swept); such a block, if its height is not a multiple
     * of four, ends with a vector that overlaps the one before it: the overlapped rows are loaded
     * before either is stored and computed twice by the very same operations, so both stores write
     * the same bits. The rest goes four rows at a time, then row by row.
     */
    static void multiply(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, boolean transB,
                         double[] c, int cOff, int m, int n, int p, boolean accumulate) {
        if (!accumulate) {
            // Clearing C first lets every block load it: a vector chosen between a load and a zero gets boxed by the JIT.
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        int i0 = 0;
        while (m - i0 > 4 * WIDTH) {
            int[] starts = new int[6];
            for (int k = 0; k < 6; k++) {
                starts[k] = Math.min(i0 + k * WIDTH, m - WIDTH);
            }
            sixVectors(a, aOff, lda, b, bOff, ldb, transB, c, cOff, m, n, p, starts);
            i0 += 6 * WIDTH;
        }
        for (; i0 + WIDTH <= m; i0 += WIDTH) {
            oneVector(a, aOff, lda, b, bOff, ldb, transB, c, cOff, m, n, p, i0);
        }
        // Fewer than four rows left: plain loops (an overlapping vector here would add twice into C).
        for (int i = i0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = c[cOff + j * m + i];
                for (int q = 0; q < p; q++) {
                    sum += a[aOff + q * lda + i] * (transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q]);
                }
                c[cOff + j * m + i] = sum;
            }
        }
    }

    private static void sixVectors(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, boolean transB,
                                   double[] c, int cOff, int m, int n, int p, int[] starts) {
        int s0 = starts[0];
        int s1 = starts[1];
        int s2 = starts[2];
        int s3 = starts[3];
        int s4 = starts[4];
        int s5 = starts[5];
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * m;
            DoubleVector c0 = DoubleVector.fromArray(LANES, c, cj + s0);
            DoubleVector c1 = DoubleVector.fromArray(LANES, c, cj + s1);
            DoubleVector c2 = DoubleVector.fromArray(LANES, c, cj + s2);
            DoubleVector c3 = DoubleVector.fromArray(LANES, c, cj + s3);
            DoubleVector c4 = DoubleVector.fromArray(LANES, c, cj + s4);
            DoubleVector c5 = DoubleVector.fromArray(LANES, c, cj + s5);
            for (int q = 0; q < p; q++) {
                DoubleVector bq = DoubleVector.broadcast(LANES, transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q]);
                int aq = aOff + q * lda;
                c0 = DoubleVector.fromArray(LANES, a, aq + s0).fma(bq, c0);
                c1 = DoubleVector.fromArray(LANES, a, aq + s1).fma(bq, c1);
                c2 = DoubleVector.fromArray(LANES, a, aq + s2).fma(bq, c2);
                c3 = DoubleVector.fromArray(LANES, a, aq + s3).fma(bq, c3);
                c4 = DoubleVector.fromArray(LANES, a, aq + s4).fma(bq, c4);
                c5 = DoubleVector.fromArray(LANES, a, aq + s5).fma(bq, c5);
            }
            c0.intoArray(c, cj + s0);
            c1.intoArray(c, cj + s1);
            c2.intoArray(c, cj + s2);
            c3.intoArray(c, cj + s3);
            c4.intoArray(c, cj + s4);
            c5.intoArray(c, cj + s5);
        }
    }

    private static void oneVector(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, boolean transB,
                                  double[] c, int cOff, int m, int n, int p, int row) {
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * m + row;
            DoubleVector c0 = DoubleVector.fromArray(LANES, c, cj);
            for (int q = 0; q < p; q++) {
                DoubleVector bq = DoubleVector.broadcast(LANES, transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q]);
                c0 = DoubleVector.fromArray(LANES, a, aOff + q * lda + row).fma(bq, c0);
            }
            c0.intoArray(c, cj);
        }
    }

}
