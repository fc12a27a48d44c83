package org.icl.trainers.loop;

import java.util.Locale;
import java.util.Optional;

import org.icl.api.train.Divergence;

/**
 * Decides when a run has diverged: a training or monitor evaluation loss that is not finite, or that
 * exceeds {@code factor} times its starting value (the first training loss, the first evaluation).
 */
final class DivergenceGuard {

    private final double factor;
    private double trainBaseline;
    private double evalBaseline;

    /** A guard with the given factor (0: only non-finite losses count) and starting values (NaN: not yet seen). */
    DivergenceGuard(double factor, double trainBaseline, double evalBaseline) {
        this.factor = factor;
        this.trainBaseline = trainBaseline;
        this.evalBaseline = evalBaseline;
    }

    Optional<Divergence> training(int step, double loss) {
        Optional<Divergence> verdict = judge("train_loss", step, loss, trainBaseline);
        if (Double.isNaN(trainBaseline)) {
            trainBaseline = loss;
        }
        return verdict;
    }

    Optional<Divergence> evaluation(int step, double loss) {
        Optional<Divergence> verdict = judge("eval_loss", step, loss, evalBaseline);
        if (Double.isNaN(evalBaseline)) {
            evalBaseline = loss;
        }
        return verdict;
    }

    double trainBaseline() {
        return trainBaseline;
    }

    double evalBaseline() {
        return evalBaseline;
    }

    private Optional<Divergence> judge(String quantity, int step, double loss, double baseline) {
        if (!Double.isFinite(loss)) {
            return Optional.of(new Divergence(step, quantity, loss, "not finite"));
        }
        // A zero start has no scale to compare with; only a positive start defines "grown by a factor".
        if (factor > 0 && baseline > 0 && loss > factor * baseline) {
            return Optional.of(new Divergence(step, quantity, loss, String.format(Locale.ROOT,
                    "above trainer.divergence-factor = %.3g times its starting value %.4g", factor, baseline)));
        }
        return Optional.empty();
    }
}
