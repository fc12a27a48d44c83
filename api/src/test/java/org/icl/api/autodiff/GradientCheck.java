package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.ojalgo.matrix.store.R064Store;

/**
 * Compares the gradients a {@link Tape} back-propagates with central finite differences, in double precision.
 *
 * <p>The loss is a function {@code (Tape, inputs) -> scalar}. The inputs are tensors that require a gradient:
 * {@link Parameter}s (batch 1), or batched leaves made by {@link #leaf}, which are built with the package-private
 * {@link Tensor} constructor because no public type can hold a trainable batch. Every entry of every input is
 * moved by ±h, h = {@value #RELATIVE_STEP}·max(1, |x|), and the loss is evaluated on a fresh inference tape each
 * time; the numeric derivative divides by the difference of the two perturbed values as actually stored, so the
 * rounding of x ± h does not enter.
 *
 * <p>Error measure: norm-wise, input by input. For each input tensor, with a its analytic and n its numeric
 * gradient, both ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂) and ‖a − n‖∞ / (‖a‖∞ + ‖n‖∞) must be below {@value #TOLERANCE} (the
 * denominators floored at 1e-8). Why not entry by entry, |aᵢ − nᵢ| / (|aᵢ| + |nᵢ|)? Central differences carry a
 * rounding error of about ε·|f|/h ≈ 1e-10 absolute whatever the entry, so an entry whose derivative happens to be
 * 1e-4 (random projections produce such cancellations) shows a relative error near 1e-6 that measures the finite
 * difference, not the gradient; measured here it reached 9.96e-7 at h = 1e-6. Scaling by the whole input's
 * gradient removes that artefact while keeping the bound as tight: the norm-wise errors measure 1e-10, four
 * orders below it. Taking each input separately keeps a small input from hiding behind a large one, and the ∞-norm
 * keeps a single wrong entry from being diluted by many right ones: any error of more than 1e-6 of the input's
 * largest derivative in any one entry fails. The largest per-entry relative error is still reported.
 * Entries whose derivative is exactly zero (masked, ReLU-negative, ignored targets) give n = 0 exactly, because
 * the loss does not read them at all.
 */
final class GradientCheck {

    /** Largest accepted norm-wise relative error, per input, in both norms. */
    static final double TOLERANCE = 1e-6;

    /** Perturbation relative to max(1, |x|). */
    static final double RELATIVE_STEP = 1e-6;

    private static final double FLOOR = 1e-8;

    private GradientCheck() {
    }

    /**
     * Outcome of one check: the largest 2-norm-wise and ∞-norm-wise errors over the inputs (the asserted ones),
     * and, for information, the largest per-entry relative error and where it was.
     */
    record Result(double normError, double maxNormError, double maxEntryError, String worstEntry, int entries) {

        /** Whether both norm-wise errors are below {@link #TOLERANCE} (false on NaN). */
        boolean passes() {
            return normError < TOLERANCE && maxNormError < TOLERANCE;
        }

        @Override
        public String toString() {
            return String.format("norm-wise error %.3e (2-norm), %.3e (∞-norm) over %d entries; "
                    + "largest per-entry error %.3e at %s", normError, maxNormError, entries, maxEntryError, worstEntry);
        }
    }

    /**
     * Runs {@code loss} on a training tape, back-propagates, and compares every input's gradient with central
     * differences. Inputs must require a gradient; their gradients are cleared first.
     */
    static <T extends Tensor> Result check(BiFunction<Tape, List<T>, Tensor> loss, List<T> inputs) {
        for (T t : inputs) {
            assertTrue(t.requiresGrad(), "input " + t + " must require a gradient");
            if (t instanceof Parameter p) {
                p.zeroGrad();
            } else {
                t.grad = null;
            }
        }
        Tape tape = Tape.forTraining();
        Tensor out = loss.apply(tape, inputs);
        assertEquals(1, out.size(), "loss must be a scalar, got " + out);
        assertTrue(out.requiresGrad(), "loss must depend on the inputs");
        double value = out.data()[0];
        assertTrue(Double.isFinite(value), "loss is " + value);
        tape.backward(out);
        List<double[]> analytic = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            T t = inputs.get(i);
            R064Store g = t.grad();
            assertNotNull(g, "no gradient reached input " + i + " " + t);
            assertEquals(t.size(), g.data.length, "gradient of input " + i + " has the wrong size");
            analytic.add(g.data.clone());
        }
        assertEquals(value, evaluate(loss, inputs), 0.0, "training and inference tapes disagree on the loss");

        double worstEntry = 0;
        String where = "-";
        double worstNorm = 0;
        double worstMax = 0;
        int entries = 0;
        for (int i = 0; i < inputs.size(); i++) {
            T t = inputs.get(i);
            double[] data = t.data();
            double[] a = analytic.get(i);
            double diff2 = 0;
            double analytic2 = 0;
            double numeric2 = 0;
            double diffMax = 0;
            double analyticMax = 0;
            double numericMax = 0;
            for (int e = 0; e < data.length; e++) {
                double x = data[e];
                double h = RELATIVE_STEP * Math.max(1.0, Math.abs(x));
                double up = x + h;
                double down = x - h;
                data[e] = up;
                double fUp = evaluate(loss, inputs);
                data[e] = down;
                double fDown = evaluate(loss, inputs);
                data[e] = x;
                double numeric = (fUp - fDown) / (up - down);
                double diff = Math.abs(a[e] - numeric);
                double error = diff / Math.max(FLOOR, Math.abs(a[e]) + Math.abs(numeric));
                if (!(error <= worstEntry)) { // also catches NaN
                    worstEntry = error;
                    where = "input " + i + " " + t + " entry " + e + " (analytic " + a[e] + ", numeric " + numeric + ")";
                }
                diff2 += diff * diff;
                analytic2 += a[e] * a[e];
                numeric2 += numeric * numeric;
                diffMax = Math.max(diffMax, diff);
                analyticMax = Math.max(analyticMax, Math.abs(a[e]));
                numericMax = Math.max(numericMax, Math.abs(numeric));
                entries++;
            }
            double norm = Math.sqrt(diff2) / Math.max(FLOOR, Math.sqrt(analytic2) + Math.sqrt(numeric2));
            double max = diffMax / Math.max(FLOOR, analyticMax + numericMax);
            worstNorm = Double.isNaN(norm) ? norm : Math.max(worstNorm, norm);
            worstMax = Double.isNaN(max) ? max : Math.max(worstMax, max);
        }
        return new Result(worstNorm, worstMax, worstEntry, where, entries);
    }

    /** {@link #check} and fails unless both norm-wise errors are within {@link #TOLERANCE} for every input. */
    static <T extends Tensor> Result assertGradients(String label, BiFunction<Tape, List<T>, Tensor> loss,
                                                     List<T> inputs) {
        Result result = check(loss, inputs);
        if (Boolean.getBoolean("gradientcheck.verbose")) {
            System.out.println(label + ": " + result);
        }
        assertTrue(result.passes(), label + ": " + result);
        return result;
    }

    /**
     * Reduces a tensor-valued op to a scalar by a fixed random projection, sum(op(...) ∘ R), so that every output
     * entry carries weight. R is drawn from {@code seed} on the first call, with the shape of the op's result.
     */
    static <T extends Tensor> BiFunction<Tape, List<T>, Tensor> projected(long seed,
                                                                       BiFunction<Tape, List<T>, Tensor> op) {
        Tensor[] projection = new Tensor[1];
        return (tape, inputs) -> {
            Tensor out = op.apply(tape, inputs);
            if (projection[0] == null) {
                projection[0] = constant(out.rows(), out.cols(), out.batch(), new SplittableRandom(seed));
            }
            Tensor r = projection[0];
            assertTrue(r.rows() == out.rows() && r.cols() == out.cols() && r.batch() == out.batch(),
                    "op changed shape between evaluations: " + out + " vs " + r);
            return tape.sum(tape.hadamard(out, r));
        };
    }

    /** The scalar value of {@code loss} on a fresh inference tape. */
    static <T extends Tensor> double evaluate(BiFunction<Tape, List<T>, Tensor> loss, List<T> inputs) {
        Tensor out = loss.apply(Tape.forInference(), inputs);
        assertEquals(1, out.size());
        return out.data()[0];
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** A batched tensor that requires a gradient, uniform in [-1, 1). */
    static Tensor leaf(int rows, int cols, int batch, SplittableRandom random) {
        Tensor t = new Tensor(rows, cols, batch, R064Store.FACTORY.make(rows, (long) cols * batch), true);
        fill(t.data(), random);
        return t;
    }

    /** A trainable input: a {@link Parameter} for batch 1 (as models use them), else a batched {@link #leaf}. */
    static Tensor trainable(int rows, int cols, int batch, SplittableRandom random) {
        if (batch == 1) {
            return parameter("p", rows, cols, random);
        }
        return leaf(rows, cols, batch, random);
    }

    /** A parameter uniform in [-1, 1). */
    static Parameter parameter(String name, int rows, int cols, SplittableRandom random) {
        Parameter p = new Parameter(name, rows, cols);
        fill(p.data(), random);
        return p;
    }

    /** A constant (no gradient) uniform in [-1, 1). */
    static Tensor constant(int rows, int cols, int batch, SplittableRandom random) {
        double[] data = new double[rows * cols * batch];
        fill(data, random);
        return Tensor.wrap(rows, cols, batch, data);
    }

    static void fill(double[] data, SplittableRandom random) {
        for (int e = 0; e < data.length; e++) {
            data[e] = random.nextDouble(-1.0, 1.0);
        }
    }
}
