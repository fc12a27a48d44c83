package org.icl.examples.power;

import java.util.random.RandomGenerator;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * A set of prompts for in-context power iteration: for each, n inputs x_j ~ N(0, I + θuuᵀ) around a
 * random unit spike u, and their sample second-moment matrix S = (1/n) Σ x_j x_jᵀ, stored flat.
 */
final class SpikedPrompts {

    final int count;
    final int d;
    final int n;
    /** Coordinate i of input j of prompt p: {@code xs[(p·n + j)·d + i]}. */
    final double[] xs;
    /** Entry (r, c) of S of prompt p: {@code covariances[p·d·d + c·d + r]}. */
    final double[] covariances;

    private SpikedPrompts(int count, int d, int n) {
        this.count = count;
        this.d = d;
        this.n = n;
        this.xs = new double[count * n * d];
        this.covariances = new double[count * d * d];
    }

    /** Draws {@code count} prompts from {@code random}. */
    static SpikedPrompts sample(RandomGenerator random, int count, int d, int n, double spike) {
        SpikedPrompts p = new SpikedPrompts(count, d, n);
        double[] u = new double[d];
        double stretch = Math.sqrt(1 + spike) - 1;
        for (int q = 0; q < count; q++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                u[i] = random.nextGaussian();
                norm += u[i] * u[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                u[i] /= norm;
            }
            for (int j = 0; j < n; j++) {
                // x = g + (√(1+θ) − 1) u uᵀg has covariance I + θuuᵀ for g ~ N(0, I).
                int base = (q * n + j) * d;
                double along = 0;
                for (int i = 0; i < d; i++) {
                    double g = random.nextGaussian();
                    p.xs[base + i] = g;
                    along += u[i] * g;
                }
                for (int i = 0; i < d; i++) {
                    p.xs[base + i] += stretch * along * u[i];
                }
            }
            p.computeCovariance(q);
        }
        return p;
    }

    private void computeCovariance(int q) {
        int s = q * d * d;
        for (int j = 0; j < n; j++) {
            int base = (q * n + j) * d;
            for (int c = 0; c < d; c++) {
                double xc = xs[base + c] / n;
                for (int r = 0; r < d; r++) {
                    covariances[s + c * d + r] += xs[base + r] * xc;
                }
            }
        }
    }

    /** One power-iteration step of prompt q before normalisation: {@code out = v + η S v}. */
    void step(int q, double eta, double[] v, double[] out) {
        int s = q * d * d;
        for (int r = 0; r < d; r++) {
            out[r] = v[r];
        }
        for (int c = 0; c < d; c++) {
            double vc = eta * v[c];
            for (int r = 0; r < d; r++) {
                out[r] += covariances[s + c * d + r] * vc;
            }
        }
    }

    /** The unit eigenvector of the largest eigenvalue of S of prompt q (its sign is arbitrary). */
    double[] topEigenvector(int q) {
        R064Store s = R064Store.FACTORY.make(d, d);
        System.arraycopy(covariances, q * d * d, s.data, 0, d * d);
        Eigenvalue<Double> eigen = Eigenvalue.R064.make(s, true);
        if (!eigen.decompose(s)) {
            throw new IllegalStateException("eigendecomposition of S failed for prompt " + q);
        }
        MatrixStore<Double> values = eigen.getD();
        int top = 0;
        for (int i = 1; i < d; i++) {
            if (values.doubleValue(i, i) > values.doubleValue(top, top)) {
                top = i;
            }
        }
        MatrixStore<Double> vectors = eigen.getV();
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = vectors.doubleValue(i, top);
        }
        return u;
    }

    /** sin² of the angle between v and the unit vector u: 1 − (v·u)²/‖v‖²; 1 for v = 0. */
    static double sineSquared(double[] v, int offset, double[] u) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < u.length; i++) {
            dot += v[offset + i] * u[i];
            norm += v[offset + i] * v[offset + i];
        }
        return norm == 0 ? 1.0 : 1.0 - dot * dot / norm;
    }
}
