package org.icl.tasks.baselines;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.task.Curve;

/**
 * Gradient descent at the best constant step for a given number of steps: the step is chosen on held-out
 * prompts (a grid over (0, 2/mean eigenvalue of S], widened while its best point is the last, then a
 * golden-section search between the grid neighbours), and its loss is measured on the evaluation prompts.
 * Choosing on held-out prompts keeps the evaluation prompts out of the tuning.
 */
public final class BestStepGradientDescent {

    private static final int GRID = 24;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final GradientDescentSpectrum heldOut;
    private final GradientDescentSpectrum evaluation;

    public BestStepGradientDescent(GradientDescentSpectrum heldOut, GradientDescentSpectrum evaluation) {
        this.heldOut = heldOut;
        this.evaluation = evaluation;
    }

    /** The best constant step for {@code steps} steps and its loss on the evaluation prompts. */
    public StepChoice at(int steps) {
        double eta = bestStep(steps);
        return new StepChoice(steps, eta, evaluation.meanLoss(eta, steps));
    }

    /** The evaluation loss of k steps at the best constant step for each k = 1..{@code maxSteps} (each k its own step). */
    public Curve curve(int maxSteps) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int k = 1; k <= maxSteps; k++) {
            x.add((double) k);
            y.add(at(k).loss());
        }
        return new Curve("steps", x, y);
    }

    private double bestStep(int steps) {
        double scale = heldOut.typicalStep();
        if (Double.isInfinite(scale)) {
            return 0.0;
        }
        double top = 2 * scale;
        int best;
        while (true) {
            best = 1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int j = 1; j <= GRID; j++) {
                double loss = loss(top * j / GRID, steps);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = j;
                }
            }
            if (best < GRID || top > 1000 * scale) {
                break;
            }
            top *= 2;
        }
        double low = top * (best - 1) / GRID;
        double high = top * Math.min(best + 1, GRID) / GRID;
        double a = high - GOLDEN * (high - low);
        double b = low + GOLDEN * (high - low);
        double fa = loss(a, steps);
        double fb = loss(b, steps);
        // The loss is flat at its minimum: η to 1e-6 of its scale fixes the loss to far better than its Monte-Carlo error.
        while (high - low > 1e-6 * scale) {
            if (fa <= fb) {
                high = b;
                b = a;
                fb = fa;
                a = high - GOLDEN * (high - low);
                fa = loss(a, steps);
            } else {
                low = a;
                a = b;
                fa = fb;
                b = low + GOLDEN * (high - low);
                fb = loss(b, steps);
            }
        }
        return (low + high) / 2;
    }

    /** The held-out loss, with a diverged (NaN) value ranked worst. */
    private double loss(double eta, int steps) {
        double loss = heldOut.meanLoss(eta, steps);
        return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
    }
}
