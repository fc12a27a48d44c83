package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icl.api.train.RunContext;
import org.icl.trainers.SgdTrainerFactory;
import org.icl.trainers.testing.LinearLossTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;

/** Checks that the loop rescales the global gradient norm to clip-norm before the optimiser step. */
class GradientClippingTest {

    private static final double LR = 0.1;

    /** Runs one plain-SGD step with the given gradients (one array per parameter) and returns the applied update. */
    private static double[][] oneStepUpdate(String clipNorm, double[]... gradients) {
        int[] sizes = new int[gradients.length];
        for (int k = 0; k < gradients.length; k++) {
            sizes[k] = gradients[k].length;
        }
        ParameterModel model = new ParameterModel(sizes);
        double[][] before = model.snapshot();
        new SgdTrainerFactory().create(TrainerSettings.of("sgd",
                        "steps = 1, learning-rate = " + LR + ", clip-norm = " + clipNorm))
                .train(new LinearLossTask(gradients), model, RunContext.inMemory(1));
        double[][] after = model.snapshot();
        double[][] update = new double[after.length][];
        for (int k = 0; k < after.length; k++) {
            update[k] = new double[after[k].length];
            for (int i = 0; i < after[k].length; i++) {
                update[k][i] = after[k][i] - before[k][i];
            }
        }
        return update;
    }

    private static double norm(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void aHugeGradientIsScaledToTheClipNormAcrossAllParameters() {
        double c = 0.5;
        double[] g1 = {3e6, -4e6};
        double[] g2 = {0, 12e6, 0};
        double[][] update = oneStepUpdate(Double.toString(c), g1, g2);
        // Global norm of (g1, g2) is 13e6; the applied step is −lr·c·g/|g|, of norm lr·c.
        assertEquals(LR * c, norm(update), 1e-15);
        double[][] gradients = {g1, g2};
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < gradients[k].length; i++) {
                assertEquals(-LR * c * gradients[k][i] / 13e6, update[k][i], 1e-16, "parameter " + k + " entry " + i);
            }
        }
    }

    @Test
    void aGradientWhoseSquaredNormOverflowsIsStillScaledToTheClipNorm() {
        // Entries of 1e200 are finite, but their squares (1e400) overflow a double: a naive
        // sqrt(Σ g²) is infinite and would scale the step to zero instead of to lr·c.
        double c = 2.0;
        double[][] update = oneStepUpdate(Double.toString(c), new double[] {3e200, -4e200}, new double[] {1e-300});
        assertEquals(LR * c, norm(update), 1e-15);
        assertEquals(-LR * c * 0.6, update[0][0], 1e-15);
        assertEquals(LR * c * 0.8, update[0][1], 1e-15);
    }

    @Test
    void aGradientBelowTheClipNormIsLeftAlone() {
        double[][] update = oneStepUpdate("10", new double[] {3.0, -4.0});
        assertEquals(-LR * 3.0, update[0][0], 1e-15);
        assertEquals(LR * 4.0, update[0][1], 1e-15);
    }

    @Test
    void clipNormZeroTurnsClippingOff() {
        double[][] update = oneStepUpdate("0", new double[] {3e6, -4e6});
        assertEquals(LR * 5e6, norm(update), 1e-6);
    }
}
