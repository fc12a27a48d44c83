package org.icl.tasks.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.icl.tasks.weights.RegressionPrompts;
import org.junit.jupiter.api.Test;

/** The eigenbasis form of gradient descent against plain iteration, and the step search against a fine grid. */
class GradientDescentSpectrumTest {

    private static RegressionPrompts prompts(int count, int d, int m, long seed) {
        return RegressionPrompts.sample(new SplittableRandom(seed), count, d, m, 0.1, List.of(0.5, 1.0, 2.0, 1.5));
    }

    @Test
    void weightLossEqualsIteratedGradientDescent() {
        // m = 2 < d = 4 leaves S rank-deficient: the null directions must keep w_k's zero component.
        for (int m : new int[] {2, 4, 9}) {
            RegressionPrompts p = prompts(30, 4, m, m);
            GradientDescentSpectrum spectrum = GradientDescentSpectrum.ofWeights(p);
            for (double eta : new double[] {0.05, 0.3, 0.9}) {
                for (int steps : new int[] {1, 3, 25}) {
                    double[] estimates = Estimators.gradientDescent(eta, steps).estimate(p);
                    double total = 0;
                    for (int q = 0; q < p.count; q++) {
                        total += p.squaredError(q, estimates, q * p.d);
                    }
                    double iterated = total / p.count;
                    assertEquals(iterated, spectrum.meanLoss(eta, steps), 1e-9 * Math.max(1, iterated),
                            "m=" + m + " eta=" + eta + " steps=" + steps);
                }
            }
        }
    }

    @Test
    void queryLossEqualsIteratedGradientDescentScored() {
        int d = 4;
        RegressionPrompts p = prompts(30, d, 6, 3);
        RegressionPrompts queries = prompts(30, d, 1, 4);
        double scale = 1.0 / d;
        GradientDescentSpectrum spectrum = GradientDescentSpectrum.ofQueries(p, queries.xs, queries.ys, scale);
        double[] w = Estimators.gradientDescent(0.4, 7).estimate(p);
        double total = 0;
        for (int q = 0; q < p.count; q++) {
            double prediction = 0;
            for (int i = 0; i < d; i++) {
                prediction += w[q * d + i] * queries.xs[q * d + i];
            }
            total += (prediction - queries.ys[q]) * (prediction - queries.ys[q]);
        }
        assertEquals(scale * total / p.count, spectrum.meanLoss(0.4, 7), 1e-12);
    }

    @Test
    void bestStepBeatsEveryStepOfAFineGrid() {
        GradientDescentSpectrum prompts = GradientDescentSpectrum.ofWeights(prompts(400, 4, 10, 7));
        BestStepGradientDescent search = new BestStepGradientDescent(prompts);
        for (int steps : new int[] {1, 5, 20}) {
            StepChoice choice = search.at(steps);
            assertEquals(prompts.meanLoss(choice.eta(), steps), choice.loss(), 0.0);
            for (double eta = 0.005; eta < 3; eta += 0.005) {
                assertTrue(choice.loss() <= prompts.meanLoss(eta, steps) + 1e-12, "steps " + steps + ": eta " + eta
                        + " beats " + choice.eta());
            }
        }
    }

    @Test
    void bestOneStepApproachesTheClosedFormOptimum() {
        // For x ~ N(0, I) the best single step is m/(m+d+1+σ²) (SCIENCE.md §3); 20,000 prompts pin the
        // empirical minimiser to within about 1%.
        int d = 5;
        int m = 10;
        RegressionPrompts prompts = RegressionPrompts.sample(new SplittableRandom(1), 20000, d, m, 0.0, List.of());
        BestStepGradientDescent search = new BestStepGradientDescent(GradientDescentSpectrum.ofWeights(prompts));
        assertEquals(Estimators.optimalStep(m, d, 0.0), search.at(1).eta(), 0.02 * Estimators.optimalStep(m, d, 0.0));
    }
}
