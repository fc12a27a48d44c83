package org.icl.api.autodiff;

/**
 * Dense product kernel over raw column-major arrays: C = op(A) · op(B), op = identity or transpose.
 *
 * <p>The matrices of one prompt are small (tens of rows), where a library call costs more than the
 * arithmetic; plain loops whose inner loop runs down a column of C (an axpy the JIT vectorises)
 * are faster here. A transposed left operand is first copied into a scratch buffer so that it,
 * too, takes the axpy form instead of a dot product, which the JIT cannot vectorise. When the JVM
 * has the incubating Vector API ({@code --add-modules jdk.incubator.vector}, as {@code bin/icl}
 * starts it), {@link VectorGemm} does the product with explicit SIMD instead, about five times faster
 * on 22-row matrices. One instance per tape or kernel: the scratch buffer is not shared between threads.
 */
public final class Gemm {

    /** Whether the JVM was started with the incubating Vector API, which {@link VectorGemm} needs. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private double[] scratch = new double[0];

    /** Whether this JVM has the incubating Vector API, so that kernels may take their SIMD paths. */
    public static boolean vectorApi() {
        return VECTOR;
    }

    /**
     * Computes C (m×n, leading dimension m, at cOff) = op(A) (m×p) · op(B) (p×n), adding to C when
     * {@code accumulate}. {@code lda} and {@code ldb} are the stored row counts of A and B.
     */
    public void multiply(double[] a, int aOff, int lda, boolean transA,
                  double[] b, int bOff, int ldb, boolean transB,
                  double[] c, int cOff, int m, int n, int p, boolean accumulate) {
        if (transA) {
            // A is stored p×m; copy its transpose (m×p) so the inner loop below is contiguous.
            if (scratch.length < m * p) {
                scratch = new double[m * p];
            }
            for (int i = 0; i < m; i++) {
                int column = aOff + i * lda;
                for (int q = 0; q < p; q++) {
                    scratch[q * m + i] = a[column + q];
                }
            }
            a = scratch;
            aOff = 0;
            lda = m;
        }
        if (VECTOR && m >= 4) {
            VectorGemm.multiply(a, aOff, lda, b, bOff, ldb, transB, c, cOff, m, n, p, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        plain(a, aOff, lda, b, bOff, ldb, transB, c, cOff, m, n, p);
    }

    /** The plain-loop product C += A·op(B) (A not transposed), for JVMs without the Vector API. */
    static void plain(double[] a, int aOff, int lda, double[] b, int bOff, int ldb, boolean transB,
                      double[] c, int cOff, int m, int n, int p) {
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * m;
            int q = 0;
            // Four columns of A per pass: C's column is loaded and stored once for four products.
            for (; q + 3 < p; q += 4) {
                double b0 = transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q];
                double b1 = transB ? b[bOff + (q + 1) * ldb + j] : b[bOff + j * ldb + q + 1];
                double b2 = transB ? b[bOff + (q + 2) * ldb + j] : b[bOff + j * ldb + q + 2];
                double b3 = transB ? b[bOff + (q + 3) * ldb + j] : b[bOff + j * ldb + q + 3];
                int a0 = aOff + q * lda;
                int a1 = a0 + lda;
                int a2 = a1 + lda;
                int a3 = a2 + lda;
                for (int i = 0; i < m; i++) {
                    c[cj + i] += a[a0 + i] * b0 + a[a1 + i] * b1 + a[a2 + i] * b2 + a[a3 + i] * b3;
                }
            }
            for (; q < p; q++) {
                double bqj = transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q];
                int aq = aOff + q * lda;
                for (int i = 0; i < m; i++) {
                    c[cj + i] += a[aq + i] * bqj;
                }
            }
        }
    }
}
