package org.icl.tasks.baselines;

import org.icl.tasks.weights.RegressionPrompts;

/** Textbook linear algebra on one prompt, written independently of the estimators, to check them against. */
final class DirectAlgebra {

    private DirectAlgebra() {
    }

    /** Solves a·x = b by Gaussian elimination with partial pivoting (a is n×n, row-major; both are copied). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] r = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double tr = r[col];
            r[col] = r[pivot];
            r[pivot] = tr;
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int c = col; c < n; c++) {
                    m[row][c] -= f * m[col][c];
                }
                r[row] -= f * r[col];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double s = r[row];
            for (int c = row + 1; c < n; c++) {
                s -= m[row][c] * x[c];
            }
            x[row] = s / m[row][row];
        }
        return x;
    }

    /** Example j of prompt q as a vector. */
    static double[] x(RegressionPrompts p, int q, int j) {
        double[] x = new double[p.d];
        System.arraycopy(p.xs, (q * p.n + j) * p.d, x, 0, p.d);
        return x;
    }

    static double y(RegressionPrompts p, int q, int j) {
        return p.ys[q * p.n + j];
    }

    /** XᵀX + λI (d×d, sums over examples). */
    static double[][] gram(RegressionPrompts p, int q, double lambda) {
        double[][] g = new double[p.d][p.d];
        for (int j = 0; j < p.n; j++) {
            double[] x = x(p, q, j);
            for (int r = 0; r < p.d; r++) {
                for (int c = 0; c < p.d; c++) {
                    g[r][c] += x[r] * x[c];
                }
            }
        }
        for (int i = 0; i < p.d; i++) {
            g[i][i] += lambda;
        }
        return g;
    }

    /** Σ_j y_j x_j. */
    static double[] moment(RegressionPrompts p, int q) {
        double[] b = new double[p.d];
        for (int j = 0; j < p.n; j++) {
            double[] x = x(p, q, j);
            for (int i = 0; i < p.d; i++) {
                b[i] += y(p, q, j) * x[i];
            }
        }
        return b;
    }

    /** Xᵀ(XXᵀ + λI)⁻¹y: the dual (example-space) form of ridge; λ = 0 gives the minimum-norm interpolant for m ≤ d. */
    static double[] dual(RegressionPrompts p, int q, double lambda) {
        double[][] kernel = new double[p.n][p.n];
        double[] labels = new double[p.n];
        for (int a = 0; a < p.n; a++) {
            labels[a] = y(p, q, a);
            for (int b = 0; b < p.n; b++) {
                kernel[a][b] = dot(x(p, q, a), x(p, q, b)) + (a == b ? lambda : 0);
            }
        }
        double[] alpha = solve(kernel, labels);
        double[] w = new double[p.d];
        for (int j = 0; j < p.n; j++) {
            double[] x = x(p, q, j);
            for (int i = 0; i < p.d; i++) {
                w[i] += alpha[j] * x[i];
            }
        }
        return w;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
