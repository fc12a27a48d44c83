package org.icl.tasks.weights;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A set of linear-regression prompts: for each, n inputs x ~ N(0, Σ), a weight w* ~ N(0, I) and
 * labels y = ⟨w*, x⟩ + σε, stored flat (prompt-major) so batches are built without boxing.
 * Shared by the regression tasks and the baseline estimators.
 */
public final class RegressionPrompts {

    public final int count;
    public final int d;
    public final int n;
    /** x of example j of prompt p, coordinate i: {@code xs[(p·n + j)·d + i]}. */
    public final double[] xs;
    /** y of example j of prompt p: {@code ys[p·n + j]}. */
    public final double[] ys;
    /** w* of prompt p: {@code weights[p·d + i]}. */
    public final double[] weights;

    private RegressionPrompts(int count, int d, int n) {
        this.count = count;
        this.d = d;
        this.n = n;
        this.xs = new double[count * n * d];
        this.ys = new double[count * n];
        this.weights = new double[count * d];
    }

    /** {@code count} prompts of {@code n} examples, all zero, to be filled in (e.g. read back from token columns). */
    public static RegressionPrompts allocate(int count, int d, int n) {
        return new RegressionPrompts(count, d, n);
    }

    /** Draws {@code count} prompts; {@code variances} empty means Σ = I. */
    public static RegressionPrompts sample(RandomGenerator random, int count, int d, int n, double noise, List<Double> variances) {
        RegressionPrompts p = new RegressionPrompts(count, d, n);
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            scale[i] = variances.isEmpty() ? 1.0 : Math.sqrt(variances.get(i));
        }
        for (int q = 0; q < count; q++) {
            for (int i = 0; i < d; i++) {
                p.weights[q * d + i] = random.nextGaussian();
            }
            for (int j = 0; j < n; j++) {
                double y = 0;
                int base = (q * n + j) * d;
                for (int i = 0; i < d; i++) {
                    double x = scale[i] * random.nextGaussian();
                    p.xs[base + i] = x;
                    y += x * p.weights[q * d + i];
                }
                p.ys[q * n + j] = noise > 0 ? y + noise * random.nextGaussian() : y;
            }
        }
        return p;
    }

    /** The same prompts cut to their first {@code m} examples (same weights): a prompt with fewer in-context examples. */
    public RegressionPrompts prefix(int m) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("prefix of " + m + " examples out of " + n);
        }
        RegressionPrompts p = new RegressionPrompts(count, d, m);
        for (int q = 0; q < count; q++) {
            System.arraycopy(xs, q * n * d, p.xs, q * m * d, m * d);
            System.arraycopy(ys, q * n, p.ys, q * m, m);
        }
        System.arraycopy(weights, 0, p.weights, 0, weights.length);
        return p;
    }

    /**
     * Runs {@code steps} of gradient descent on L(w) = (1/2n)||Xᵀw − y||² from w = 0 for prompt q,
     * calling {@code visitor} with each iterate w_1..w_steps (the same array, overwritten).
     */
    public void gradientDescent(int q, double eta, int steps, IterateVisitor visitor) {
        double[] w = new double[d];
        double[] gradient = new double[d];
        // Without examples the gradient is zero and so is every step (not 0/0).
        double rate = n == 0 ? 0.0 : eta / n;
        for (int step = 1; step <= steps; step++) {
            java.util.Arrays.fill(gradient, 0.0);
            for (int j = 0; j < n; j++) {
                int base = (q * n + j) * d;
                double residual = -ys[q * n + j];
                for (int i = 0; i < d; i++) {
                    residual += xs[base + i] * w[i];
                }
                for (int i = 0; i < d; i++) {
                    gradient[i] += xs[base + i] * residual;
                }
            }
            for (int i = 0; i < d; i++) {
                w[i] -= rate * gradient[i];
            }
            visitor.visit(step, w);
        }
    }

    /** ||w − w*||² for prompt q. */
    public double squaredError(int q, double[] w, int offset) {
        double total = 0;
        for (int i = 0; i < d; i++) {
            double e = w[offset + i] - weights[q * d + i];
            total += e * e;
        }
        return total;
    }

    /** Receives the GD iterates of one prompt. */
    public interface IterateVisitor {
        void visit(int step, double[] w);
    }
}
