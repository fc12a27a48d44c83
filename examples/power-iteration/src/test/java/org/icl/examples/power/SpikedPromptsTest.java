package org.icl.examples.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The prompts' statistics and the eigenvector the loss is measured against. */
class SpikedPromptsTest {

    @Test
    void secondMomentAveragesToIdentityPlusSpike() {
        // E[S] = I + θuuᵀ, whose trace is d + θ whatever u is: 5 + 3 = 8. tr(S) = (1/n) Σ‖x_j‖² over
        // 2,000 prompts of 20 inputs has a standard error near 0.015, so 0.06 is four of them.
        SpikedPrompts prompts = SpikedPrompts.sample(new SplittableRandom(4), 2000, 5, 20, 3.0);
        double trace = 0;
        for (int q = 0; q < prompts.count; q++) {
            for (int i = 0; i < 5; i++) {
                trace += prompts.covariances[q * 25 + i * 5 + i];
            }
        }
        assertEquals(8.0, trace / prompts.count, 0.06);
    }

    @Test
    void topEigenvectorIsAUnitEigenvectorOfTheLargestEigenvalue() {
        SpikedPrompts prompts = SpikedPrompts.sample(new SplittableRandom(8), 20, 4, 10, 2.0);
        for (int q = 0; q < prompts.count; q++) {
            double[] u = prompts.topEigenvector(q);
            double[] su = new double[4];
            prompts.step(q, 1.0, u, su);
            double lambda = 0;
            double norm = 0;
            for (int i = 0; i < 4; i++) {
                su[i] -= u[i]; // step computes u + S u
                lambda += u[i] * su[i];
                norm += u[i] * u[i];
            }
            assertEquals(1.0, norm, 1e-12);
            for (int i = 0; i < 4; i++) {
                assertEquals(lambda * u[i], su[i], 1e-10, "S u = λ u, prompt " + q);
            }
            // λ is the largest eigenvalue: power iteration from anywhere never exceeds its Rayleigh quotient.
            double[] v = {1, -0.5, 0.25, 2};
            double[] next = new double[4];
            for (int step = 0; step < 200; step++) {
                prompts.step(q, 1.0, v, next);
                double scale = 0;
                for (double x : next) {
                    scale += x * x;
                }
                for (int i = 0; i < 4; i++) {
                    v[i] = next[i] / Math.sqrt(scale);
                }
            }
            assertTrue(SpikedPrompts.sineSquared(v, 0, u) < 1e-8, "power iteration converges to u, prompt " + q);
        }
    }

    @Test
    void sineSquaredIsScaleAndSignFree() {
        double[] u = {0.6, 0.8};
        assertEquals(0.0, SpikedPrompts.sineSquared(new double[] {-3, -4}, 0, u), 1e-15);
        assertEquals(1.0, SpikedPrompts.sineSquared(new double[] {0.8, -0.6}, 0, u), 1e-15);
        assertEquals(1.0, SpikedPrompts.sineSquared(new double[] {0, 0}, 0, u));
    }
}
