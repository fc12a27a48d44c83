package org.icl.tasks.baselines;

import java.util.Arrays;
import java.util.Optional;

import org.icl.tasks.weights.RegressionPrompts;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Each prompt's data in the eigenbasis of its S = (1/m) Σ x_j x_jᵀ, so that the loss of k gradient-descent
 * steps from w = 0 at any constant step η costs O(d) per prompt: with b = (1/m) Σ y_j x_j = Σ c_i u_i,
 * w_k = Σ φ(λ_i) c_i u_i where φ(λ) = (1 − (1 − ηλ)^k)/λ (and kη at λ = 0). This makes line searches over η
 * cheap. The loss compares w_k with what the task asks for: w* (weight prediction) or a query's label.
 */
public final class GradientDescentSpectrum {

    private final int count;
    private final int d;
    private final double[] eigenvalues;
    private final double[] projections;
    /** Per prompt, the coordinates in the eigenbasis of w* (weights) or of the query x_q (queries). */
    private final double[] readouts;
    /** The query labels, or null when the loss is ||w_k − w*||². */
    private final double[] labels;
    private final double lossScale;
    private final double meanEigenvalue;

    private GradientDescentSpectrum(RegressionPrompts examples, double[] targets, double[] labels, double lossScale) {
        this.count = examples.count;
        this.d = examples.d;
        this.eigenvalues = new double[count * d];
        this.projections = new double[count * d];
        this.readouts = new double[count * d];
        this.labels = labels;
        this.lossScale = lossScale;
        int m = examples.n;
        // S is accumulated in a raw column-major array (a per-entry store call costs more than the arithmetic).
        double[] moments = new double[d * d];
        R064Store s = R064Store.wrap(moments, d);
        Eigenvalue<Double> eigen = Eigenvalue.R064.make(d, true);
        double[] b = new double[d];
        double[] values = new double[d];
        double traceSum = 0;
        for (int q = 0; q < count; q++) {
            Arrays.fill(moments, 0.0);
            Arrays.fill(b, 0.0);
            for (int j = 0; j < m; j++) {
                int base = (q * m + j) * d;
                double y = examples.ys[q * m + j] / m;
                for (int c = 0; c < d; c++) {
                    double xc = examples.xs[base + c] / m;
                    b[c] += y * examples.xs[base + c];
                    for (int r = 0; r < d; r++) {
                        moments[c * d + r] += examples.xs[base + r] * xc;
                    }
                }
            }
            eigen.decompose(s);
            MatrixStore<Double> u = eigen.getV();
            eigen.getEigenvalues(values, Optional.empty());
            for (int i = 0; i < d; i++) {
                // Rounding can leave the zero eigenvalues of a rank-deficient S slightly negative.
                eigenvalues[q * d + i] = Math.max(values[i], 0.0);
                traceSum += eigenvalues[q * d + i];
                double c = 0;
                double t = 0;
                for (int r = 0; r < d; r++) {
                    c += u.doubleValue(r, i) * b[r];
                    t += u.doubleValue(r, i) * targets[q * d + r];
                }
                projections[q * d + i] = c;
                readouts[q * d + i] = t;
            }
        }
        this.meanEigenvalue = count == 0 ? 0 : traceSum / (count * d);
    }

    /** The loss ||w_k − w*||² against each prompt's own weight vector (weight prediction). */
    public static GradientDescentSpectrum ofWeights(RegressionPrompts prompts) {
        return new GradientDescentSpectrum(prompts, prompts.weights, null, 1.0);
    }

    /**
     * The loss {@code lossScale}·(x_qᵀw_k − y_q)² against a query per prompt: {@code queryXs[q·d + i]} and
     * {@code queryLabels[q]} (in-context regression).
     */
    public static GradientDescentSpectrum ofQueries(RegressionPrompts examples, double[] queryXs, double[] queryLabels,
                                                    double lossScale) {
        return new GradientDescentSpectrum(examples, queryXs, queryLabels, lossScale);
    }

    /** The mean loss over the prompts of {@code steps} gradient-descent steps at the constant step {@code eta}. */
    public double meanLoss(double eta, int steps) {
        double total = 0;
        for (int q = 0; q < count; q++) {
            double loss = 0;
            double prediction = 0;
            for (int i = 0; i < d; i++) {
                int e = q * d + i;
                double coordinate = filter(eigenvalues[e], eta, steps) * projections[e];
                if (labels == null) {
                    double r = coordinate - readouts[e];
                    loss += r * r;
                } else {
                    prediction += coordinate * readouts[e];
                }
            }
            if (labels != null) {
                loss = (prediction - labels[q]) * (prediction - labels[q]);
            }
            total += loss;
        }
        return lossScale * total / count;
    }

    /** 1/(mean eigenvalue of S): the scale of sensible step sizes for these prompts. */
    public double typicalStep() {
        return meanEigenvalue > 0 ? 1 / meanEigenvalue : Double.POSITIVE_INFINITY;
    }

    /** φ(λ) = (1 − (1 − ηλ)^k)/λ, the factor k GD steps from 0 put on the eigendirection of λ. */
    private static double filter(double lambda, double eta, int steps) {
        double a = eta * lambda;
        if (a < 1e-4) {
            // 1 − (1 − a)^k cancels for small a; expm1 and log1p keep its relative accuracy (and give kη at λ = 0).
            return lambda == 0 ? steps * eta : -Math.expm1(steps * Math.log1p(-a)) / lambda;
        }
        return (1 - power(1 - a, steps)) / lambda;
    }

    /** base^exponent by repeated squaring: the line search calls this millions of times, Math.pow is slower. */
    private static double power(double base, int exponent) {
        double result = 1;
        double factor = base;
        for (int e = exponent; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= factor;
            }
            factor *= factor;
        }
        return result;
    }
}
