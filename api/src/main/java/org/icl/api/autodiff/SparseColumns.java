package org.icl.api.autodiff;

/**
 * The nonzero entries of a matrix store, column by column (compressed sparse columns), and products
 * with a dense operand that skip its zeros. Tokens that are one-hot vectors (tree paths: three ones in
 * 98 rows) make a dense product mostly multiplications by zero.
 *
 * <p>Each entry of a result is the same chain of fused multiply-adds in inner-index order as in
 * {@link VectorGemm}, without the terms whose sparse factor is zero, which add exactly nothing for
 * finite dense operands: on the Vector API path the results are the dense product's bits.
 */
final class SparseColumns {

    /** Products take the sparse path only when at most this share of entries is nonzero. */
    static final double MAX_DENSITY = 0.25;

    /** Column c's entries are {@code rows[starts[c]..starts[c+1])} with their {@code values}, rows in increasing order. */
    private final int[] starts;
    private final int[] rows;
    private final double[] values;

    private SparseColumns(int[] starts, int[] rows, double[] values) {
        this.starts = starts;
        this.rows = rows;
        this.values = values;
    }

    /**
     * The nonzeros of the column-major {@code data} ({@code height} rows, {@code columns} columns), or null when
     * more than {@link #MAX_DENSITY} of the entries are nonzero (the scan stops as soon as that is certain).
     */
    static SparseColumns of(double[] data, int height, int columns) {
        long limit = (long) (MAX_DENSITY * height * (long) columns);
        int[] starts = new int[columns + 1];
        // First pass: the groups of four rows that hold a nonzero (one-hot tokens: a few per column), and the count.
        int[] groupStarts = new int[columns + 1];
        int[] groups = new int[Math.max(16, 2 * columns)];
        int groupCount = 0;
        int count = 0;
        for (int c = 0; c < columns; c++) {
            int base = c * height;
            for (int r = 0; r < height; r += 4) {
                int found = nonzeros(data, base + r, Math.min(4, height - r));
                if (found != 0) {
                    if (groupCount == groups.length) {
                        groups = java.util.Arrays.copyOf(groups, 2 * groups.length);
                    }
                    groups[groupCount++] = r;
                    count += found;
                }
            }
            if (count > limit) {
                return null;
            }
            starts[c + 1] = count;
            groupStarts[c + 1] = groupCount;
        }
        // Second pass: only those groups.
        int[] rows = new int[count];
        double[] values = new double[count];
        int next = 0;
        for (int c = 0; c < columns; c++) {
            int base = c * height;
            for (int g = groupStarts[c]; g < groupStarts[c + 1]; g++) {
                int r = groups[g];
                for (int q = r, end = Math.min(r + 4, height); q < end; q++) {
                    double v = data[base + q];
                    if (v != 0.0) {
                        rows[next] = q;
                        values[next++] = v;
                    }
                }
            }
        }
        return new SparseColumns(starts, rows, values);
    }

    /**
     * How many of the {@code length} (at most four) entries from {@code i} are nonzero; four zeros are found by
     * one test on the OR of their bits (sign bit shifted out, so −0 counts as zero).
     */
    private static int nonzeros(double[] data, int i, int length) {
        if (length == 4) {
            long bits = Double.doubleToRawLongBits(data[i]) | Double.doubleToRawLongBits(data[i + 1])
                    | Double.doubleToRawLongBits(data[i + 2]) | Double.doubleToRawLongBits(data[i + 3]);
            if (bits << 1 == 0) {
                return 0;
            }
        }
        int found = 0;
        for (int q = i; q < i + length; q++) {
            found += data[q] != 0.0 ? 1 : 0;
        }
        return found;
    }

    /**
     * C (m×n at cOff, leading dimension m) = op(S) · op(B), S this matrix's columns from {@code first} on
     * (op(S) is m×p: S holds p columns of m rows, or, transposed, m columns of p rows), B dense (p×n).
     */
    void timesDense(int first, boolean transS, double[] b, int bOff, int ldb, boolean transB,
                    double[] c, int cOff, int m, int n, int p, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * m;
            if (transS) {
                // C(i, j) = Σ_k S(k, i) B(k, j): column i of S holds the terms.
                for (int i = 0; i < m; i++) {
                    double sum = c[cj + i];
                    for (int e = starts[first + i], end = starts[first + i + 1]; e < end; e++) {
                        int k = rows[e];
                        sum = Math.fma(values[e], transB ? b[bOff + k * ldb + j] : b[bOff + j * ldb + k], sum);
                    }
                    c[cj + i] = sum;
                }
            } else {
                // C(:, j) += S(:, k) B(k, j) for k in order.
                for (int k = 0; k < p; k++) {
                    double bkj = transB ? b[bOff + k * ldb + j] : b[bOff + j * ldb + k];
                    for (int e = starts[first + k], end = starts[first + k + 1]; e < end; e++) {
                        c[cj + rows[e]] = Math.fma(values[e], bkj, c[cj + rows[e]]);
                    }
                }
            }
        }
    }

    /**
     * C (m×n at cOff, leading dimension m) = op(A) · op(S), A dense (m×p, stored with {@code lda} rows, or
     * transposed), S this matrix's columns from {@code first} on (op(S) is p×n: S holds n columns of p rows,
     * or, transposed, p columns of n rows).
     */
    void denseTimes(double[] a, int aOff, int lda, boolean transA, int first, boolean transS,
                    double[] c, int cOff, int m, int n, int p, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        if (!transS) {
            // C(:, j) += op(A)(:, k) S(k, j) over the nonzeros of S's column j, k in order.
            for (int j = 0; j < n; j++) {
                for (int e = starts[first + j], end = starts[first + j + 1]; e < end; e++) {
                    addColumn(a, aOff, lda, transA, rows[e], values[e], c, cOff + j * m, m);
                }
            }
        } else {
            // C(:, j) += op(A)(:, k) S(j, k): column k of S holds the terms of every C(:, j), k in order.
            for (int k = 0; k < p; k++) {
                for (int e = starts[first + k], end = starts[first + k + 1]; e < end; e++) {
                    addColumn(a, aOff, lda, transA, k, values[e], c, cOff + rows[e] * m, m);
                }
            }
        }
    }

    /** C's column at cj += op(A)(:, k) · v, by fused multiply-adds. */
    private static void addColumn(double[] a, int aOff, int lda, boolean transA, int k, double v, double[] c, int cj, int m) {
        if (transA) {
            for (int i = 0; i < m; i++) {
                c[cj + i] = Math.fma(a[aOff + i * lda + k], v, c[cj + i]);
            }
        } else {
            int ak = aOff + k * lda;
            for (int i = 0; i < m; i++) {
                c[cj + i] = Math.fma(a[ak + i], v, c[cj + i]);
            }
        }
    }
}
