package org.icl.tasks.baselines;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.task.Curve;

/**
 * Gradient descent at the best constant step for a given number of steps, on a fixed set of prompts: the step
 * minimises the mean loss on those very prompts (a grid over (0, 2/mean eigenvalue of S], widened while its
 * best point is the last, then a golden-section search between the grid neighbours). Tuned on the evaluation
 * prompts it is an oracle: the lowest loss any constant step reaches on them. Near the step where GD diverges
 * on prompts with a large eigenvalue the mean is carried by rare prompts, so on fresh prompts the same step can
 * do much worse; that is why the tasks tune on the prompts they score.
 */
public final class BestStepGradientDescent {

    private static final int GRID = 24;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final GradientDescentSpectrum prompts;

    public BestStepGradientDescent(GradientDescentSpectrum prompts) {
        this.prompts = prompts;
    }

    /** The best constant step for {@code steps} steps and the mean loss it gives. */
    public StepChoice at(int steps) {
        double eta = bestStep(prompts, steps);
        return new StepChoice(steps, eta, prompts.meanLoss(eta, steps));
    }

    /** The loss of k steps at the best constant step for each k = 1..{@code maxSteps} (each k its own step). */
    public Curve curve(int maxSteps) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int k = 1; k <= maxSteps; k++) {
            x.add((double) k);
            y.add(at(k).loss());
        }
        return new Curve("steps", x, y);
    }

    /** The constant step that minimises the mean loss of {@code steps} GD steps on {@code prompts}. */
    public static double bestStep(GradientDescentSpectrum prompts, int steps) {
        double scale = prompts.typicalStep();
        if (Double.isInfinite(scale)) {
            return 0.0;
        }
        double top = 2 * scale;
        int best;
        while (true) {
            best = 1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int j = 1; j <= GRID; j++) {
                double loss = loss(prompts, top * j / GRID, steps);
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
        double fa = loss(prompts, a, steps);
        double fb = loss(prompts, b, steps);
        // The loss is flat at its minimum: η to 1e-6 of its scale fixes the loss far below its Monte-Carlo error.
        while (high - low > 1e-6 * scale) {
            if (fa <= fb) {
                high = b;
                b = a;
                fb = fa;
                a = high - GOLDEN * (high - low);
                fa = loss(prompts, a, steps);
            } else {
                low = a;
                a = b;
                fa = fb;
                b = low + GOLDEN * (high - low);
                fb = loss(prompts, b, steps);
            }
        }
        return (low + high) / 2;
    }

    /** The mean loss, with a diverged (NaN) value ranked worst. */
    private static double loss(GradientDescentSpectrum prompts, double eta, int steps) {
        double loss = prompts.meanLoss(eta, steps);
        return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
    }
}
