package org.icl.api.autodiff;

import java.util.ArrayList;
import java.util.List;

import org.ojalgo.matrix.store.R064Store;

/**
 * Records a forward pass so that {@link #backward} can push gradients back to the parameters.
 *
 * <p>Every op takes and returns {@link Tensor}s; an op whose inputs need no gradient records
 * nothing. Results live in stores the tape lends from its pool; {@link #reset()} takes them all
 * back, so one tape serves every step of a training run without new allocations. A tape is
 * confined to one thread.
 */
public final class Tape {

    private final boolean recording;
    private final StorePool pool = new StorePool();
    private final Gemm gemm = new Gemm();
    private final List<Runnable> backwardSteps = new ArrayList<>();

    private Tape(boolean recording) {
        this.recording = recording;
    }

    /** A tape that records ops for a backward pass. */
    public static Tape forTraining() {
        return new Tape(true);
    }

    /** A tape that only evaluates: no op is recorded, no gradient is kept. */
    public static Tape forInference() {
        return new Tape(false);
    }

    /** Back-propagates from a scalar (1×1, batch 1), adding into every parameter's gradient. */
    public void backward(Tensor loss) {
        if (!recording) {
            throw new IllegalStateException("backward on an inference tape");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got " + loss);
        }
        if (!loss.requiresGrad()) {
            return;
        }
        gradOf(loss)[0] += 1.0;
        for (int i = backwardSteps.size() - 1; i >= 0; i--) {
            backwardSteps.get(i).run();
        }
        backwardSteps.clear();
    }

    /** Forgets the recorded ops and takes back every store; tensors made by this tape become invalid. */
    public void reset() {
        backwardSteps.clear();
        pool.releaseAll();
    }

    /**
     * A zero-filled constant (no gradient) from the tape's pool, for inputs and targets built every
     * step; like every result it is taken back at {@link #reset()}.
     */
    public Tensor constant(int rows, int cols, int batch) {
        return result(rows, cols, batch, false, true);
    }

    // ---- products -------------------------------------------------------------------------------

    /** Matrix product a·b, batch by batch; an operand of batch 1 is shared by the whole batch. */
    public Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    /** Matrix product op(a)·op(b), where op transposes when its flag is set; no transposed copy is made. */
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        int m = transposeA ? a.cols() : a.rows();
        int p = transposeA ? a.rows() : a.cols();
        int pb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (p != pb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + a + (transposeA ? "ᵀ" : "")
                    + " · " + b + (transposeB ? "ᵀ" : ""));
        }
        int batch = broadcastBatch(a, b);
        Tensor out = result(m, n, batch, tracks(a, b), false);
        int aStep = a.batch() == 1 ? 0 : a.rows() * a.cols();
        int bStep = b.batch() == 1 ? 0 : b.rows() * b.cols();
        // A shared left operand times the batch laid side by side is one product of the whole store.
        boolean wide = aStep == 0 && bStep != 0 && !transposeB;
        if (wide) {
            gemm.multiply(a.data(), 0, a.rows(), transposeA, b.data(), 0, b.rows(), false,
                    out.data(), 0, m, n * batch, p, false);
        } else {
            for (int s = 0; s < batch; s++) {
                gemm.multiply(a.data(), s * aStep, a.rows(), transposeA, b.data(), s * bStep, b.rows(), transposeB,
                        out.data(), s * m * n, m, n, p, false);
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                if (a.requiresGrad()) {
                    double[] ga = gradOf(a);
                    if (wide) {
                        if (!transposeA) {
                            gemm.multiply(g, 0, m, false, b.data(), 0, b.rows(), true, ga, 0, m, p, n * batch, true);
                        } else {
                            gemm.multiply(b.data(), 0, b.rows(), false, g, 0, m, true, ga, 0, p, m, n * batch, true);
                        }
                    } else {
                        for (int s = 0; s < batch; s++) {
                            if (!transposeA) {
                                gemm.multiply(g, s * m * n, m, false, b.data(), s * bStep, b.rows(), !transposeB,
                                        ga, s * aStep, m, p, n, true);
                            } else {
                                gemm.multiply(b.data(), s * bStep, b.rows(), transposeB, g, s * m * n, m, true,
                                        ga, s * aStep, p, m, n, true);
                            }
                        }
                    }
                }
                if (b.requiresGrad()) {
                    double[] gb = gradOf(b);
                    if (wide) {
                        gemm.multiply(a.data(), 0, a.rows(), !transposeA, g, 0, m, false, gb, 0, p, n * batch, m, true);
                    } else {
                        for (int s = 0; s < batch; s++) {
                            if (!transposeB) {
                                gemm.multiply(a.data(), s * aStep, a.rows(), !transposeA, g, s * m * n, m, false,
                                        gb, s * bStep, p, n, m, true);
                            } else {
                                gemm.multiply(g, s * m * n, m, true, a.data(), s * aStep, a.rows(), transposeA,
                                        gb, s * bStep, n, p, m, true);
                            }
                        }
                    }
                }
            });
        }
        return out;
    }

    // ---- entrywise ------------------------------------------------------------------------------

    /** a + b; an operand of batch 1 is added to every matrix of the other. */
    public Tensor add(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.SUM);
    }

    /** a − b, broadcasting like {@link #add}. */
    public Tensor subtract(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.DIFFERENCE);
    }

    /** Entrywise (Hadamard) product a∘b, broadcasting like {@link #add}. */
    public Tensor hadamard(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.PRODUCT);
    }

    private enum Combination { SUM, DIFFERENCE, PRODUCT }

    private Tensor entrywise(Tensor a, Tensor b, Combination how) {
        requireSameShape(how.name().toLowerCase(java.util.Locale.ROOT), a, b);
        int batch = broadcastBatch(a, b);
        int size = a.rows() * a.cols();
        int aStep = a.batch() == 1 ? 0 : size;
        int bStep = b.batch() == 1 ? 0 : size;
        double sign = how == Combination.DIFFERENCE ? -1.0 : 1.0;
        boolean product = how == Combination.PRODUCT;
        Tensor out = result(a.rows(), a.cols(), batch, tracks(a, b), false);
        double[] x = a.data();
        double[] y = b.data();
        double[] z = out.data();
        for (int s = 0; s < batch; s++) {
            for (int e = 0; e < size; e++) {
                double u = x[s * aStep + e];
                double v = y[s * bStep + e];
                z[s * size + e] = product ? u * v : u + sign * v;
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = a.requiresGrad() ? gradOf(a) : null;
                double[] gb = b.requiresGrad() ? gradOf(b) : null;
                for (int s = 0; s < batch; s++) {
                    for (int e = 0; e < size; e++) {
                        double ge = g[s * size + e];
                        if (ga != null) {
                            ga[s * aStep + e] += product ? ge * y[s * bStep + e] : ge;
                        }
                        if (gb != null) {
                            gb[s * bStep + e] += product ? ge * x[s * aStep + e] : sign * ge;
                        }
                    }
                }
            });
        }
        return out;
    }

    /** c·a for a constant c. */
    public Tensor scale(Tensor a, double c) {
        Tensor out = result(a.rows(), a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int e = 0; e < z.length; e++) {
            z[e] = c * x[e];
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int e = 0; e < g.length; e++) {
                    ga[e] += c * g[e];
                }
            });
        }
        return out;
    }

    /** f applied to every entry of a. */
    public Tensor map(Tensor a, Elementwise f) {
        Tensor out = result(a.rows(), a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int e = 0; e < z.length; e++) {
            z[e] = f.apply(x[e]);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int e = 0; e < g.length; e++) {
                    ga[e] += g[e] * f.derivative(x[e], z[e]);
                }
            });
        }
        return out;
    }

    /**
     * Causal mask over keys (rows) and queries (columns): entry (s, t) is kept when s ≤ t and
     * replaced by {@code fill} otherwise (0 for linear attention, −∞ before a softmax).
     */
    public Tensor causalMask(Tensor a, double fill) {
        return causalMask(a, 0, fill);
    }

    /**
     * Causal mask where column c holds the query at position {@code firstQuery + c}: entry (s, c) is
     * kept when key s ≤ firstQuery + c, else replaced by {@code fill}. Lets a model score only the
     * queries whose outputs are needed.
     */
    public Tensor causalMask(Tensor a, int firstQuery, double fill) {
        int rows = a.rows();
        int cols = a.cols();
        Tensor out = result(rows, cols, a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int s = 0; s < a.batch(); s++) {
            for (int c = 0; c < cols; c++) {
                int base = (s * cols + c) * rows;
                int kept = Math.min(rows, firstQuery + c + 1);
                System.arraycopy(x, base, z, base, kept);
                java.util.Arrays.fill(z, base + kept, base + rows, fill);
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    for (int c = 0; c < cols; c++) {
                        int base = (s * cols + c) * rows;
                        int kept = Math.min(rows, firstQuery + c + 1);
                        for (int r = 0; r < kept; r++) {
                            ga[base + r] += g[base + r];
                        }
                    }
                }
            });
        }
        return out;
    }

    // ---- shape ----------------------------------------------------------------------------------

    /** aᵀ, matrix by matrix. */
    public Tensor transpose(Tensor a) {
        int rows = a.rows();
        int cols = a.cols();
        int size = rows * cols;
        Tensor out = result(cols, rows, a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int s = 0; s < a.batch(); s++) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    z[s * size + r * cols + c] = x[s * size + c * rows + r];
                }
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    for (int c = 0; c < cols; c++) {
                        for (int r = 0; r < rows; r++) {
                            ga[s * size + c * rows + r] += g[s * size + r * cols + c];
                        }
                    }
                }
            });
        }
        return out;
    }

    /** Rows from (inclusive) to to (exclusive) of every matrix. */
    public Tensor sliceRows(Tensor a, int from, int to) {
        checkRange("sliceRows", from, to, a.rows());
        int height = to - from;
        Tensor out = result(height, a.cols(), a.batch(), tracks(a), false);
        int columns = a.cols() * a.batch();
        for (int c = 0; c < columns; c++) {
            System.arraycopy(a.data(), c * a.rows() + from, out.data(), c * height, height);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int c = 0; c < columns; c++) {
                    for (int r = 0; r < height; r++) {
                        ga[c * a.rows() + from + r] += g[c * height + r];
                    }
                }
            });
        }
        return out;
    }

    /** Columns from (inclusive) to to (exclusive) of every matrix. */
    public Tensor sliceCols(Tensor a, int from, int to) {
        checkRange("sliceCols", from, to, a.cols());
        int width = to - from;
        int rows = a.rows();
        Tensor out = result(rows, width, a.batch(), tracks(a), false);
        for (int s = 0; s < a.batch(); s++) {
            System.arraycopy(a.data(), (s * a.cols() + from) * rows, out.data(), s * width * rows, width * rows);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    int src = (s * a.cols() + from) * rows;
                    int dst = s * width * rows;
                    for (int e = 0; e < width * rows; e++) {
                        ga[src + e] += g[dst + e];
                    }
                }
            });
        }
        return out;
    }

    /** The rows of a above the rows of b; both have the same columns and batch. */
    public Tensor concatRows(Tensor a, Tensor b) {
        if (a.cols() != b.cols() || a.batch() != b.batch()) {
            throw new IllegalArgumentException("concatRows: " + a + " and " + b + " differ in columns or batch");
        }
        int rows = a.rows() + b.rows();
        Tensor out = result(rows, a.cols(), a.batch(), tracks(a, b), false);
        int columns = a.cols() * a.batch();
        for (int c = 0; c < columns; c++) {
            System.arraycopy(a.data(), c * a.rows(), out.data(), c * rows, a.rows());
            System.arraycopy(b.data(), c * b.rows(), out.data(), c * rows + a.rows(), b.rows());
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = a.requiresGrad() ? gradOf(a) : null;
                double[] gb = b.requiresGrad() ? gradOf(b) : null;
                for (int c = 0; c < columns; c++) {
                    for (int r = 0; r < rows; r++) {
                        double v = g[c * rows + r];
                        if (r < a.rows()) {
                            if (ga != null) {
                                ga[c * a.rows() + r] += v;
                            }
                        } else if (gb != null) {
                            gb[c * b.rows() + r - a.rows()] += v;
                        }
                    }
                }
            });
        }
        return out;
    }

    /** The columns of a followed by the columns of b; both have the same rows and batch. */
    public Tensor concatCols(Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.batch() != b.batch()) {
            throw new IllegalArgumentException("concatCols: " + a + " and " + b + " differ in rows or batch");
        }
        int rows = a.rows();
        int cols = a.cols() + b.cols();
        int sa = a.cols() * rows;
        int sb = b.cols() * rows;
        Tensor out = result(rows, cols, a.batch(), tracks(a, b), false);
        for (int s = 0; s < a.batch(); s++) {
            System.arraycopy(a.data(), s * sa, out.data(), s * (sa + sb), sa);
            System.arraycopy(b.data(), s * sb, out.data(), s * (sa + sb) + sa, sb);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                for (int s = 0; s < a.batch(); s++) {
                    if (a.requiresGrad()) {
                        double[] ga = gradOf(a);
                        for (int e = 0; e < sa; e++) {
                            ga[s * sa + e] += g[s * (sa + sb) + e];
                        }
                    }
                    if (b.requiresGrad()) {
                        double[] gb = gradOf(b);
                        for (int e = 0; e < sb; e++) {
                            gb[s * sb + e] += g[s * (sa + sb) + sa + e];
                        }
                    }
                }
            });
        }
        return out;
    }

    // ---- normalisation and reductions -----------------------------------------------------------

    /** Softmax down each column (over the rows); −∞ entries get probability 0. */
    public Tensor softmaxColumns(Tensor a) {
        int rows = a.rows();
        int columns = a.cols() * a.batch();
        Tensor out = result(rows, a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] y = out.data();
        for (int c = 0; c < columns; c++) {
            softmaxColumn(x, y, c * rows, rows);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int c = 0; c < columns; c++) {
                    int base = c * rows;
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += g[base + r] * y[base + r];
                    }
                    for (int r = 0; r < rows; r++) {
                        ga[base + r] += y[base + r] * (g[base + r] - dot);
                    }
                }
            });
        }
        return out;
    }

    private static void softmaxColumn(double[] x, double[] y, int base, int rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, x[base + r]);
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double e = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(x[base + r] - max);
            y[base + r] = e;
            total += e;
        }
        for (int r = 0; r < rows; r++) {
            y[base + r] = total > 0 ? y[base + r] / total : 0;
        }
    }

    /** The sum of all entries over the whole batch, as a scalar. */
    public Tensor sum(Tensor a) {
        Tensor out = result(1, 1, 1, tracks(a), false);
        double total = 0;
        for (double v : a.data()) {
            total += v;
        }
        out.data()[0] = total;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0];
                double[] ga = gradOf(a);
                for (int e = 0; e < ga.length; e++) {
                    ga[e] += g;
                }
            });
        }
        return out;
    }

    /**
     * Squared error summed over the entries of each matrix and averaged over the batch:
     * (1/B) Σ ||prediction − target||²; the target is a constant of the same shape.
     */
    public Tensor squaredError(Tensor prediction, Tensor target) {
        requireSameShape("squaredError", prediction, target);
        if (target.batch() != prediction.batch()) {
            throw new IllegalArgumentException("squaredError: batch " + prediction.batch() + " vs " + target.batch());
        }
        double[] p = prediction.data();
        double[] t = target.data();
        double total = 0;
        for (int e = 0; e < p.length; e++) {
            double r = p[e] - t[e];
            total += r * r;
        }
        int batch = prediction.batch();
        Tensor out = result(1, 1, 1, tracks(prediction), false);
        out.data()[0] = total / batch;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] * 2.0 / batch;
                double[] gp = gradOf(prediction);
                for (int e = 0; e < gp.length; e++) {
                    gp[e] += g * (p[e] - t[e]);
                }
            });
        }
        return out;
    }

    /**
     * Cross-entropy of a softmax down each column of {@code logits} against class indices, summed over
     * columns and averaged over the batch. {@code targets[b·cols + c]} is the class of column c of matrix b,
     * or −1 to leave that column out.
     */
    public Tensor crossEntropy(Tensor logits, int[] targets) {
        int rows = logits.rows();
        int columns = logits.cols() * logits.batch();
        if (targets.length != columns) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for " + columns + " columns");
        }
        double[] x = logits.data();
        double[] probabilities = new double[x.length];
        double total = 0;
        for (int c = 0; c < columns; c++) {
            if (targets[c] < 0) {
                continue;
            }
            if (targets[c] >= rows) {
                throw new IllegalArgumentException("crossEntropy: class " + targets[c] + " of " + rows);
            }
            softmaxColumn(x, probabilities, c * rows, rows);
            total -= Math.log(probabilities[c * rows + targets[c]]);
        }
        int batch = logits.batch();
        Tensor out = result(1, 1, 1, tracks(logits), false);
        out.data()[0] = total / batch;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] / batch;
                double[] gl = gradOf(logits);
                for (int c = 0; c < columns; c++) {
                    if (targets[c] < 0) {
                        continue;
                    }
                    for (int r = 0; r < rows; r++) {
                        double indicator = r == targets[c] ? 1 : 0;
                        gl[c * rows + r] += g * (probabilities[c * rows + r] - indicator);
                    }
                }
            });
        }
        return out;
    }

    // ---- plumbing -------------------------------------------------------------------------------

    /** Records an op's backward step, run only if some gradient reached its result (it may not feed the loss). */
    private void record(Tensor out, Runnable step) {
        backwardSteps.add(() -> {
            if (out.grad != null) {
                step.run();
            }
        });
    }

    private Tensor result(int rows, int cols, int batch, boolean requiresGrad, boolean zeroed) {
        R064Store store = pool.take(rows, (long) cols * batch, zeroed);
        return new Tensor(rows, cols, batch, store, requiresGrad);
    }

    private boolean tracks(Tensor... inputs) {
        if (!recording) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    private double[] gradOf(Tensor t) {
        if (t.grad == null) {
            t.grad = pool.take(t.rows(), (long) t.cols() * t.batch(), true);
        }
        return t.grad.data;
    }

    private static int broadcastBatch(Tensor a, Tensor b) {
        if (a.batch() == b.batch() || b.batch() == 1) {
            return a.batch();
        }
        if (a.batch() == 1) {
            return b.batch();
        }
        throw new IllegalArgumentException("batches " + a.batch() + " and " + b.batch() + " do not broadcast");
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a + " and " + b);
        }
    }

    private static void checkRange(String op, int from, int to, int limit) {
        if (from < 0 || to > limit || from >= to) {
            throw new IllegalArgumentException(op + ": range [" + from + ", " + to + ") outside [0, " + limit + ")");
        }
    }
}
