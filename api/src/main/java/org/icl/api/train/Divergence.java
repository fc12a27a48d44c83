package org.icl.api.train;

/**
 * Why a run stopped early: at {@code step} the {@code quantity} ("train_loss" or "eval_loss") took
 * {@code value}, which is not finite or has grown past the allowed factor of its starting value.
 *
 * @param step     the training step at which it was seen
 * @param quantity which loss diverged
 * @param value    the offending value (NaN, infinite, or too large)
 * @param reason   what was violated, e.g. "not finite" or "above 1e+06 × its starting value 9.8"
 */
public record Divergence(int step, String quantity, double value, String reason) {

    /** One line for people: what happened and what to change. */
    public String message() {
        return "training diverged at step " + step + ": " + quantity + " = " + value + " (" + reason
                + "); lower trainer.learning-rate, or set trainer.clip-norm or trainer.warmup-steps";
    }
}
