package org.icl.tasks.baselines;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import org.icl.tasks.weights.RegressionPrompts;

/**
 * The classical in-context regression estimators (SCIENCE.md §3). Each works on a prompt's m examples
 * alone; the gradient-descent ones minimise L(w) = (1/2m)||Xᵀw − y||² from w = 0.
 */
public final class Estimators {

    private Estimators() {
    }

    /** w = 0: predicts the prior mean. */
    public static Estimator zero() {
        return prompts -> new double[prompts.count * prompts.d];
    }

    /** {@code steps} steps of gradient descent at the constant step {@code eta}. */
    public static Estimator gradientDescent(double eta, int steps) {
        return gradientDescent(m -> eta, steps);
    }

    /** {@code steps} steps of gradient descent at a constant step that depends on the number m of examples. */
    public static Estimator gradientDescent(IntToDoubleFunction stepForExamples, int steps) {
        return prompts -> {
            double eta = stepForExamples.applyAsDouble(prompts.n);
            int d = prompts.d;
            double[] estimates = new double[prompts.count * d];
            for (int q = 0; q < prompts.count; q++) {
                int offset = q * d;
                prompts.gradientDescent(q, eta, steps, (step, w) -> {
                    if (step == steps) {
                        System.arraycopy(w, 0, estimates, offset, d);
                    }
                });
            }
            return estimates;
        };
    }

    /** Garg et al.'s averaging estimator w = (1/m) Σ y_j x_j, which is one gradient-descent step of size 1. */
    public static Estimator averaging() {
        return gradientDescent(1.0, 1);
    }

    /** One gradient-descent step at the step {@link #optimalStep} for the number of examples the prompt has. */
    public static Estimator optimalOneStep(double noiseVariance) {
        return prompts -> gradientDescent(m -> optimalStep(m, prompts.d, noiseVariance), 1).estimate(prompts);
    }

    /**
     * The step η* = m/(m+d+1+σ²) that minimises the expected error of one gradient-descent step from 0 with m
     * examples, x ~ N(0, I) and w* ~ N(0, I); it follows from E[S] = I and E[S²] = ((m+d+1)/m) I.
     */
    public static double optimalStep(int m, int d, double noiseVariance) {
        return m / (m + d + 1 + noiseVariance);
    }

    /**
     * The minimum-norm least-squares solution X⁺y: with m ≥ d examples the least-squares fit (exact without
     * noise), with fewer the interpolant of smallest norm Xᵀ(XXᵀ)⁻¹y. Examples in general position assumed
     * (true of Gaussian inputs with probability one).
     */
    public static Estimator leastSquares() {
        return prompts -> {
            int d = prompts.d;
            int m = prompts.n;
            double[] estimates = new double[prompts.count * d];
            double[] w = new double[d];
            for (int q = 0; q < prompts.count; q++) {
                double[] labels = Arrays.copyOfRange(prompts.ys, q * m, (q + 1) * m);
                if (m >= d) {
                    HouseholderQr qr = new HouseholderQr(examplesByColumn(prompts, q, 0), m, d);
                    qr.applyTranspose(labels);
                    qr.solveUpper(labels, w);
                } else {
                    // Xᵀ = QR gives XXᵀ = RᵀR, so Xᵀ(XXᵀ)⁻¹y = Q R⁻ᵀ y. The prompt's xs already hold Xᵀ column-major.
                    HouseholderQr qr = new HouseholderQr(
                            Arrays.copyOfRange(prompts.xs, q * m * d, (q + 1) * m * d), d, m);
                    Arrays.fill(w, 0.0);
                    qr.solveLowerTransposed(labels, w);
                    qr.apply(w);
                }
                System.arraycopy(w, 0, estimates, q * d, d);
            }
            return estimates;
        };
    }

    /**
     * Ridge regression, argmin ||Xᵀw − y||² + λ||w||² = (XXᵀ + λI)⁻¹ X y for λ > 0 (λ = σ² gives the posterior
     * mean under w* ~ N(0, I)), solved as the least-squares problem of X stacked on √λ I.
     */
    public static Estimator ridge(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("ridge needs lambda > 0, got " + lambda);
        }
        double root = Math.sqrt(lambda);
        return prompts -> {
            int d = prompts.d;
            int m = prompts.n;
            double[] estimates = new double[prompts.count * d];
            double[] w = new double[d];
            double[] labels = new double[m + d];
            for (int q = 0; q < prompts.count; q++) {
                double[] stacked = examplesByColumn(prompts, q, d);
                for (int i = 0; i < d; i++) {
                    stacked[i * (m + d) + m + i] = root;
                }
                Arrays.fill(labels, 0.0);
                System.arraycopy(prompts.ys, q * m, labels, 0, m);
                HouseholderQr qr = new HouseholderQr(stacked, m + d, d);
                qr.applyTranspose(labels);
                qr.solveUpper(labels, w);
                System.arraycopy(w, 0, estimates, q * d, d);
            }
            return estimates;
        };
    }

    /** Prompt q's examples as the rows of a column-major (m + extraRows) × d matrix; the extra rows are zero. */
    private static double[] examplesByColumn(RegressionPrompts prompts, int q, int extraRows) {
        int d = prompts.d;
        int m = prompts.n;
        int rows = m + extraRows;
        double[] matrix = new double[rows * d];
        for (int j = 0; j < m; j++) {
            int base = (q * m + j) * d;
            for (int i = 0; i < d; i++) {
                matrix[i * rows + j] = prompts.xs[base + i];
            }
        }
        return matrix;
    }
}
