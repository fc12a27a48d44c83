package org.icl.tasks.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.icl.tasks.weights.RegressionPrompts;
import org.junit.jupiter.api.Test;

/** Every estimator against a direct computation of its formula on a few prompts. */
class EstimatorsTest {

    private static final int D = 5;

    private static RegressionPrompts prompts(int m, double noise, long seed) {
        return RegressionPrompts.sample(new SplittableRandom(seed), 6, D, m, noise, List.of());
    }

    private static double[] estimateOf(double[] estimates, int q) {
        return Arrays.copyOfRange(estimates, q * D, (q + 1) * D);
    }

    @Test
    void leastSquaresIsExactWithAtLeastDNoiselessExamples() {
        for (int m : new int[] {D, D + 1, 4 * D}) {
            RegressionPrompts p = prompts(m, 0.0, m);
            double[] estimates = Estimators.leastSquares().estimate(p);
            for (int q = 0; q < p.count; q++) {
                // An error of 1e-8 is rounding even for an ill-conditioned square system (m = d); a wrong solver misses by O(1).
                assertTrue(p.squaredError(q, estimates, q * D) < 1e-16, "m = " + m + ", prompt " + q);
            }
        }
    }

    @Test
    void leastSquaresIsTheMinimumNormInterpolantBelowDAndTheNormalEquationsAbove() {
        RegressionPrompts few = prompts(3, 0.5, 11);
        double[] estimates = Estimators.leastSquares().estimate(few);
        for (int q = 0; q < few.count; q++) {
            assertArrayEquals(DirectAlgebra.dual(few, q, 0.0), estimateOf(estimates, q), 1e-10);
        }
        RegressionPrompts many = prompts(12, 0.5, 12);
        estimates = Estimators.leastSquares().estimate(many);
        for (int q = 0; q < many.count; q++) {
            double[] normal = DirectAlgebra.solve(DirectAlgebra.gram(many, q, 0.0), DirectAlgebra.moment(many, q));
            assertArrayEquals(normal, estimateOf(estimates, q), 1e-10);
        }
    }

    @Test
    void ridgeMatchesItsDualForm() {
        for (int m : new int[] {3, 12}) {
            RegressionPrompts p = prompts(m, 0.5, 20 + m);
            double[] estimates = Estimators.ridge(0.7).estimate(p);
            for (int q = 0; q < p.count; q++) {
                assertArrayEquals(DirectAlgebra.dual(p, q, 0.7), estimateOf(estimates, q), 1e-10);
            }
        }
    }

    @Test
    void averagingAndOptimalOneStepScaleTheMomentVector() {
        int m = 8;
        RegressionPrompts p = prompts(m, 0.3, 31);
        double[] averaging = Estimators.averaging().estimate(p);
        double[] oneStep = Estimators.optimalOneStep(0.09).estimate(p);
        double step = m / (m + D + 1 + 0.09);
        assertEquals(step, Estimators.optimalStep(m, D, 0.09), 0.0);
        for (int q = 0; q < p.count; q++) {
            double[] moment = DirectAlgebra.moment(p, q);
            for (int i = 0; i < D; i++) {
                assertEquals(moment[i] / m, averaging[q * D + i], 1e-12);
                assertEquals(step * moment[i] / m, oneStep[q * D + i], 1e-12);
            }
        }
    }

    @Test
    void gradientDescentMatchesTheMatrixIteration() {
        int m = 7;
        int steps = 9;
        double eta = 0.25;
        RegressionPrompts p = prompts(m, 0.2, 41);
        double[] estimates = Estimators.gradientDescent(eta, steps).estimate(p);
        for (int q = 0; q < p.count; q++) {
            // w ← w − η(S w − b) with S = XᵀX/m and b = Xᵀy/m, from w = 0.
            double[][] s = DirectAlgebra.gram(p, q, 0.0);
            double[] b = DirectAlgebra.moment(p, q);
            double[] w = new double[D];
            for (int t = 0; t < steps; t++) {
                double[] next = new double[D];
                for (int r = 0; r < D; r++) {
                    next[r] = w[r] - eta * (DirectAlgebra.dot(s[r], w) - b[r]) / m;
                }
                w = next;
            }
            assertArrayEquals(w, estimateOf(estimates, q), 1e-12);
        }
    }

    @Test
    void zeroPredictsZero() {
        assertArrayEquals(new double[6 * D], Estimators.zero().estimate(prompts(4, 0.0, 5)), 0.0);
    }
}
