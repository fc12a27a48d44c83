package org.icl.tasks.baselines;

/**
 * The Householder QR factorisation A = QR of a small tall matrix (rows ≥ cols, full column rank), kept as its
 * reflectors. The estimators solve thousands of 20×10 systems per evaluation, where a library call's
 * overhead costs several times the arithmetic; QR avoids squaring the condition number as normal equations would.
 */
final class HouseholderQr {

    private final int rows;
    private final int cols;
    /** Column-major: R above the diagonal, the reflectors' entries below it. */
    private final double[] a;
    /** R's diagonal. */
    private final double[] diagonal;
    /** Each reflector's first entry and squared norm. */
    private final double[] head;
    private final double[] norm2;

    /** Factorises the column-major {@code rows × cols} matrix {@code a}, which it takes over. */
    HouseholderQr(double[] a, int rows, int cols) {
        if (rows < cols) {
            throw new IllegalArgumentException("QR of a wide " + rows + "×" + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.a = a;
        this.diagonal = new double[cols];
        this.head = new double[cols];
        this.norm2 = new double[cols];
        for (int k = 0; k < cols; k++) {
            int column = k * rows;
            double sum = 0;
            for (int r = k; r < rows; r++) {
                sum += a[column + r] * a[column + r];
            }
            // The reflector maps column k onto ∓||·|| e_k, the sign chosen to avoid cancellation.
            double alpha = a[column + k] > 0 ? -Math.sqrt(sum) : Math.sqrt(sum);
            diagonal[k] = alpha;
            head[k] = a[column + k] - alpha;
            norm2[k] = sum - a[column + k] * a[column + k] + head[k] * head[k];
            for (int c = k + 1; c < cols; c++) {
                reflect(k, a, c * rows);
            }
        }
    }

    /** b ← Qᵀb for b of length rows. */
    void applyTranspose(double[] b) {
        for (int k = 0; k < cols; k++) {
            reflect(k, b, 0);
        }
    }

    /** b ← Qb for b of length rows. */
    void apply(double[] b) {
        for (int k = cols - 1; k >= 0; k--) {
            reflect(k, b, 0);
        }
    }

    /** Solves R x = b (the first cols entries of b) by back substitution. */
    void solveUpper(double[] b, double[] x) {
        for (int r = cols - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < cols; c++) {
                s -= a[c * rows + r] * x[c];
            }
            x[r] = s / diagonal[r];
        }
    }

    /** Solves Rᵀ z = b by forward substitution. */
    void solveLowerTransposed(double[] b, double[] z) {
        for (int r = 0; r < cols; r++) {
            double s = b[r];
            for (int c = 0; c < r; c++) {
                s -= a[r * rows + c] * z[c];
            }
            z[r] = s / diagonal[r];
        }
    }

    /** Applies reflector k, I − 2vvᵀ/(vᵀv), to the length-rows vector stored in {@code target} from {@code offset}. */
    private void reflect(int k, double[] target, int offset) {
        if (norm2[k] == 0) {
            return;
        }
        int column = k * rows;
        double s = head[k] * target[offset + k];
        for (int r = k + 1; r < rows; r++) {
            s += a[column + r] * target[offset + r];
        }
        double f = 2 * s / norm2[k];
        target[offset + k] -= f * head[k];
        for (int r = k + 1; r < rows; r++) {
            target[offset + r] -= f * a[column + r];
        }
    }
}
