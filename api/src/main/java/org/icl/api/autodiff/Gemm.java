package org.icl.api.autodiff;

/**
 * Dense product kernel over raw column-major arrays: C = op(A) · op(B), op = identity or transpose.
 *
 * <p>The matrices of one prompt are small (tens of rows), where a library call costs more than the
 * arithmetic; plain loops in the order that keeps the inner loop contiguous are faster here.
 */
final class Gemm {

    private Gemm() {
    }

    /**
     * Computes C (m×n, leading dimension m, at cOff) = op(A) (m×p) · op(B) (p×n), adding to C when
     * {@code accumulate}. {@code lda} and {@code ldb} are the stored row counts of A and B.
     */
    static void multiply(double[] a, int aOff, int lda, boolean transA,
                         double[] b, int bOff, int ldb, boolean transB,
                         double[] c, int cOff, int m, int n, int p, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        if (!transA) {
            for (int j = 0; j < n; j++) {
                int cj = cOff + j * m;
                for (int q = 0; q < p; q++) {
                    double bqj = transB ? b[bOff + q * ldb + j] : b[bOff + j * ldb + q];
                    if (bqj == 0.0) {
                        continue;
                    }
                    int aq = aOff + q * lda;
                    for (int i = 0; i < m; i++) {
                        c[cj + i] += a[aq + i] * bqj;
                    }
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                int cj = cOff + j * m;
                for (int i = 0; i < m; i++) {
                    int ai = aOff + i * lda;
                    double s = 0.0;
                    if (transB) {
                        for (int q = 0; q < p; q++) {
                            s += a[ai + q] * b[bOff + q * ldb + j];
                        }
                    } else {
                        int bj = bOff + j * ldb;
                        for (int q = 0; q < p; q++) {
                            s += a[ai + q] * b[bj + q];
                        }
                    }
                    c[cj + i] += s;
                }
            }
        }
    }
}
