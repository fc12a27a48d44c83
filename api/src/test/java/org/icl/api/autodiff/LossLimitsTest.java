package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Cross-entropy and softmax at extreme logits: large, equal, masked (−∞) and +∞ entries, with their documented limits. */
class LossLimitsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static double crossEntropy(double[] column, int target) {
        return Tape.forInference().crossEntropy(Tensor.wrap(column.length, 1, 1, column.clone()), new int[] {target})
                .data()[0];
    }

    /** The gradient of the cross-entropy of one column with respect to its logits. */
    private static double[] crossEntropyGradient(double[] column, int target) {
        Tensor logits = GradientFixtures.leaf(column.length, 1, 1, new SplittableRandom(1));
        System.arraycopy(column, 0, logits.data(), 0, column.length);
        Tape tape = Tape.forTraining();
        tape.backward(tape.crossEntropy(logits, new int[] {target}));
        return logits.grad().data.clone();
    }

    @Test
    void largeLogitsGiveTheExactLoss() {
        // log(e^0 + e^800) − 0 = 800 + log(1 + e^−800), which is 800 in double precision.
        assertEquals(800.0, crossEntropy(new double[] {0, 800}, 0), 0.0);
        assertEquals(0.0, crossEntropy(new double[] {0, 800}, 1), 0.0);
        assertEquals(1600.0, crossEntropy(new double[] {-800, 800}, 0), 0.0);
        assertArrayEquals(new double[] {-1, 1}, crossEntropyGradient(new double[] {0, 800}, 0), 0.0);
    }

    @Test
    void equalLogitsCostLogOfTheirNumber() {
        for (double level : new double[] {-1e6, 0, 3.5, 1e6}) {
            assertEquals(Math.log(3), crossEntropy(new double[] {level, level, level}, 1), 1e-15, "level " + level);
        }
        double[] g = crossEntropyGradient(new double[] {1e6, 1e6, 1e6, 1e6}, 2);
        assertArrayEquals(new double[] {0.25, 0.25, -0.75, 0.25}, g, 1e-15);
    }

    @Test
    void maskedNonTargetsAreLeftOut() {
        double ninf = Double.NEGATIVE_INFINITY;
        // The loss of (−∞, 1, 2) equals that of (1, 2) alone: log(e + e²) − 2 = log(1 + e^−1).
        assertEquals(Math.log1p(Math.exp(-1)), crossEntropy(new double[] {ninf, 1, 2}, 2), 1e-15);
        assertEquals(crossEntropy(new double[] {1, 2}, 0), crossEntropy(new double[] {1, ninf, 2, ninf}, 0), 1e-15);
        double[] g = crossEntropyGradient(new double[] {ninf, 1, 2}, 2);
        assertEquals(0.0, g[0], 0.0, "a masked logit gets no gradient");
        // softmax(1, 2) = (1, e)/(1 + e): the gradient is softmax − one-hot of the target.
        double p1 = 1 / (1 + Math.E);
        assertArrayEquals(new double[] {0, p1, -p1}, g, 1e-15);
        // A masked target is impossible under the model: its cost is +∞, not NaN.
        assertEquals(INF, crossEntropy(new double[] {ninf, 1, 2}, 0));
        assertEquals(INF, crossEntropy(new double[] {ninf, ninf}, 0));
    }

    @Test
    void plusInfiniteLogitsFollowTheLimit() {
        assertEquals(Math.log(2), crossEntropy(new double[] {INF, 0, INF}, 0), 1e-15);
        assertEquals(0.0, crossEntropy(new double[] {INF, 5, -3}, 0), 0.0);
        assertEquals(INF, crossEntropy(new double[] {INF, 5, -3}, 1));
        assertArrayEquals(new double[] {-0.5, 0, 0.5}, crossEntropyGradient(new double[] {INF, 0, INF}, 0), 0.0);
    }

    @Test
    void softmaxOfInfiniteColumns() {
        double ninf = Double.NEGATIVE_INFINITY;
        // Column 0: two +∞ share the mass; column 1: only −∞ gives zeros (documented choice, not NaN);
        // column 2: −∞ entries get 0 and the rest is an ordinary softmax; column 3: huge finite logits.
        double[] data = {INF, 1, INF, ninf, ninf, ninf, ninf, 0, 0, 1000, -1000, 1000};
        Tensor a = GradientFixtures.leaf(3, 4, 1, new SplittableRandom(2));
        System.arraycopy(data, 0, a.data(), 0, data.length);
        Tape tape = Tape.forTraining();
        Tensor p = tape.softmaxColumns(a);
        assertArrayEquals(new double[] {0.5, 0, 0.5, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0, 0.5}, p.data(), 0.0);
        double[] weights = new double[12];
        for (int e = 0; e < weights.length; e++) {
            weights[e] = e + 1;
        }
        tape.backward(tape.sum(tape.hadamard(p, Tensor.wrap(3, 4, 1, weights))));
        for (double g : a.grad().data) {
            assertTrue(Double.isFinite(g), "gradient " + java.util.Arrays.toString(a.grad().data));
        }
        for (int r = 0; r < 3; r++) {
            assertEquals(0.0, a.grad().data[3 + r], 0.0, "an all −∞ column passes no gradient");
        }
        assertEquals(0.0, a.grad().data[6], 0.0, "a −∞ entry gets no gradient");
    }
}
