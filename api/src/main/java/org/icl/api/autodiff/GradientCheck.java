package org.icl.api.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Compares the gradients a {@link Tape} back-propagates with central finite differences, in double
 * precision: the check a plugin's tests run on anything differentiable they build, such as a
 * task's training loss with respect to a model's parameters.
 *
 * <p>The loss is a function {@code (Tape, inputs) -> scalar} that must give the same value every
 * time it is called with the same inputs (draw any random prompts from a generator seeded inside
 * the function). The inputs are tensors that require a gradient, normally {@link Parameter}s.
 * Every entry of every input is moved by ±h, h = {@value #RELATIVE_STEP}·max(1, |x|), and the loss
 * is evaluated on a fresh inference tape each time; the numeric derivative divides by the
 * difference of the two perturbed values as actually stored, so the rounding of x ± h does not enter.
 *
 * <p>Error measure: norm-wise, input by input. For each input tensor, with a its analytic and n its
 * numeric gradient, both ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂) and ‖a − n‖∞ / (‖a‖∞ + ‖n‖∞) must be below
 * {@value #TOLERANCE} (the denominators floored at 1e-8). Why not entry by entry,
 * |aᵢ − nᵢ| / (|aᵢ| + |nᵢ|)? Central differences carry a rounding error of about ε·|f|/h ≈ 1e-10
 * absolute whatever the entry, so an entry whose derivative happens to be 1e-4 (random projections
 * produce such cancellations) shows a relative error near 1e-6 that measures the finite difference,
 * not the gradient; measured here it reached 9.96e-7 at h = 1e-6. Scaling by the whole input's
 * gradient removes that artefact while keeping the bound as tight: the norm-wise errors measure
 * 1e-10, four orders below it. Taking each input separately keeps a small input from hiding behind
 * a large one, and the ∞-norm keeps a single wrong entry from being diluted by many right ones: any
 * error of more than 1e-6 of the input's largest derivative in any one entry fails. The largest
 * per-entry relative error is still reported. Entries whose derivative is exactly zero (masked,
 * ReLU-negative, ignored targets) give n = 0 exactly, because the loss does not read them at all.
 */
public final class GradientCheck {

    /** Largest accepted norm-wise relative error, per input, in both norms. */
    public static final double TOLERANCE = 1e-6;

    /** Perturbation relative to max(1, |x|). */
    public static final double RELATIVE_STEP = 1e-6;

    private static final double FLOOR = 1e-8;

    private GradientCheck() {
    }

    /**
     * Outcome of one check: the largest 2-norm-wise and ∞-norm-wise errors over the inputs (the ones
     * {@link #passes()} judges), and, for information, the largest per-entry relative error and where it was.
     *
     * @param normError     largest ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂) over the inputs
     * @param maxNormError  largest ‖a − n‖∞ / (‖a‖∞ + ‖n‖∞) over the inputs
     * @param maxEntryError largest |aᵢ − nᵢ| / (|aᵢ| + |nᵢ|) over all entries
     * @param worstEntry    where {@code maxEntryError} was found
     * @param entries       number of entries compared
     */
    public record Result(double normError, double maxNormError, double maxEntryError, String worstEntry, int entries) {

        /** Whether both norm-wise errors are below {@link #TOLERANCE} (false on NaN). */
        public boolean passes() {
            return normError < TOLERANCE && maxNormError < TOLERANCE;
        }

        @Override
        public String toString() {
            return String.format("norm-wise error %.3e (2-norm), %.3e (∞-norm) over %d entries; "
                    + "largest per-entry error %.3e at %s", normError, maxNormError, entries, maxEntryError, worstEntry);
        }
    }

    /**
     * Runs {@code loss} on a training tape, back-propagates, and compares every input's gradient with
     * central differences. Inputs must require a gradient; their gradients are cleared first.
     *
     * @throws IllegalArgumentException if an input needs no gradient, the loss is not a finite scalar
     *                                  that depends on the inputs, or no gradient reaches an input
     */
    public static <T extends Tensor> Result check(BiFunction<Tape, List<T>, Tensor> loss, List<T> inputs) {
        for (T t : inputs) {
            require(t.requiresGrad(), "input " + t + " must require a gradient");
            if (t instanceof Parameter p) {
                p.zeroGrad();
            } else {
                t.grad = null;
            }
        }
        Tape tape = Tape.forTraining();
        Tensor out = loss.apply(tape, inputs);
        require(out.size() == 1, "loss must be a scalar, got " + out);
        require(out.requiresGrad(), "loss must depend on the inputs");
        double value = out.data()[0];
        require(Double.isFinite(value), "loss is " + value);
        tape.backward(out);
        List<double[]> analytic = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            T t = inputs.get(i);
            require(t.grad() != null, "no gradient reached input " + i + " " + t);
            analytic.add(t.grad().data.clone());
        }
        double again = evaluate(loss, inputs);
        require(value == again, "the loss is not repeatable, or training and inference tapes disagree: "
                + value + " then " + again);

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

    /** The scalar value of {@code loss} on a fresh inference tape. */
    public static <T extends Tensor> double evaluate(BiFunction<Tape, List<T>, Tensor> loss, List<T> inputs) {
        Tensor out = loss.apply(Tape.forInference(), inputs);
        require(out.size() == 1, "loss must be a scalar, got " + out);
        return out.data()[0];
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
