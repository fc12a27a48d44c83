package org.icl.tasks.weights;

import java.util.List;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Gemm;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.VectorColumns;

/**
 * A set of linear-regression prompts: for each, n inputs x ~ N(0, Σ), a weight w* ~ N(0, I) and
 * labels y = ⟨w*, x⟩ + σε, stored flat (prompt-major) so batches are built without boxing.
 * Shared by the regression tasks and the baseline estimators.
 */
public final class RegressionPrompts {

    private static final boolean SIMD = Gemm.vectorApi();

    public final int count;
    public final int d;
    public final int n;
    /** x of example j of prompt p, coordinate i: {@code xs[(p·n + j)·d + i]}. */
    public final double[] xs;
    /** y of example j of prompt p: {@code ys[p·n + j]}. */
    public final double[] ys;
    /** w* of prompt p: {@code weights[p·d + i]}. */
    public final double[] weights;

    private RegressionPrompts(int count, int d, int n, double[] xs, double[] ys, double[] weights) {
        this.count = count;
        this.d = d;
        this.n = n;
        this.xs = xs;
        this.ys = ys;
        this.weights = weights;
    }

    /** {@code count} prompts of {@code n} examples, all zero, to be filled in (e.g. read back from token columns). */
    public static RegressionPrompts allocate(int count, int d, int n) {
        return new RegressionPrompts(count, d, n, new double[count * n * d], new double[count * n], new double[count * d]);
    }

    /** Draws {@code count} prompts; {@code variances} empty means Σ = I. */
    public static RegressionPrompts sample(RandomGenerator random, int count, int d, int n, double noise, List<Double> variances) {
        return sample(random, count, d, n, noise, variances, allocate(count, d, n));
    }

    /** Draws {@code count} training prompts (Σ = I) into arrays lent by the tape, so a training step allocates nothing. */
    static RegressionPrompts sample(RandomGenerator random, int count, int d, int n, double noise, Tape tape) {
        return sample(random, count, d, n, noise, List.of(),
                new RegressionPrompts(count, d, n, tape.scratch(count * n * d), tape.scratch(count * n), tape.scratch(count * d)));
    }

    private static RegressionPrompts sample(RandomGenerator random, int count, int d, int n, double noise, List<Double> variances,
                                            RegressionPrompts p) {
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
        RegressionPrompts p = allocate(count, d, m);
        for (int q = 0; q < count; q++) {
            System.arraycopy(xs, q * n * d, p.xs, q * m * d, m * d);
            System.arraycopy(ys, q * n, p.ys, q * m, m);
        }
        System.arraycopy(weights, 0, p.weights, 0, weights.length);
        return p;
    }

    /**
     * Runs {@code steps} of gradient descent on L(w) = (1/2n)||Xᵀw − y||² from w = 0 for prompt q,
     * calling {@code visitor} with each iterate w_1..w_steps (the same array, overwritten). The
     * gradient (1/n)(X Xᵀ w − X y) is taken from the moments X Xᵀ and X y, formed once: a step then
     * costs d² instead of 2nd (with SIMD when the Vector API is there).
     */
    public void gradientDescent(int q, double eta, int steps, IterateVisitor visitor) {
        double[] moments = new double[d * d];
        double[] xy = new double[d];
        boolean simd = SIMD && d >= VectorColumns.MIN_ROWS && d <= VectorColumns.MAX_ROWS;
        for (int j = 0; j < n; j++) {
            int base = (q * n + j) * d;
            double y = ys[q * n + j];
            for (int a = 0; a < d; a++) {
                double xa = xs[base + a];
                xy[a] += xa * y;
                if (simd) {
                    VectorColumns.addScaled(moments, a * d, xa, xs, base, d);
                    continue;
                }
                for (int b = 0; b < d; b++) {
                    moments[a * d + b] += xa * xs[base + b];
                }
            }
        }
        // w ← w − (η/n)(X Xᵀ w − X y) = A w + c with A = I − (η/n) X Xᵀ and c = (η/n) X y.
        // Without examples the gradient is zero and so is every step (not 0/0).
        double step = n == 0 ? 0.0 : eta / n;
        double[] transition = moments;
        for (int e = 0; e < d * d; e++) {
            transition[e] *= -step;
        }
        for (int i = 0; i < d; i++) {
            transition[i * d + i] += 1.0;
            xy[i] *= step;
        }
        double[] w = new double[d];
        double[] next = new double[d];
        for (int k = 1; k <= steps; k++) {
            System.arraycopy(xy, 0, next, 0, d);
            if (simd) {
                VectorColumns.multiplyAdd(transition, 0, d, w, 0, 1.0, next, 0);
            } else {
                for (int b = 0; b < d; b++) {
                    double wb = w[b];
                    for (int i = 0; i < d; i++) {
                        next[i] += transition[b * d + i] * wb;
                    }
                }
            }
            double[] swap = w;
            w = next;
            next = swap;
            visitor.visit(k, w);
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
