package org.icl.trainers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.junit.jupiter.api.Test;

/** Checks Adam and Sgd directly on parameters with hand-set gradients, including per-parameter state. */
class OptimizersTest {

    private static Parameter parameter(String name, double... values) {
        Parameter p = new Parameter(name, values.length, 1);
        System.arraycopy(values, 0, p.data(), 0, values.length);
        return p;
    }

    private static void setGrad(Parameter p, double... g) {
        System.arraycopy(g, 0, p.grad().data, 0, g.length);
    }

    @Test
    void adamFirstStepMovesEachEntryByTheLearningRate() {
        Parameter p = parameter("a", 1.0, 1.0, 1.0);
        setGrad(p, 1e4, -1e-2, 7.0);
        new Adam(0.05, 0.9, 0.999, 1e-8).step(List.of(p));
        assertArrayEquals(new double[] {0.95, 1.05, 0.95}, p.data(), 0.05 * 1e-6);
    }

    @Test
    void adamZeroGradientLeavesTheParameterAlone() {
        Parameter p = parameter("a", 0.3, -0.7);
        new Adam(0.05, 0.9, 0.999, 1e-8).step(List.of(p));
        assertArrayEquals(new double[] {0.3, -0.7}, p.data(), 0.0);
    }

    @Test
    void adamKeepsSeparateMomentsPerParameter() {
        Parameter a = parameter("a", 0.0);
        Parameter b = parameter("b", 0.0);
        Adam adam = new Adam(0.1, 0.5, 0.5, 1e-12);
        setGrad(a, 1.0);
        setGrad(b, -4.0);
        adam.step(List.of(a, b));
        setGrad(a, 1.0);
        setGrad(b, -4.0);
        adam.step(List.of(a, b));
        // A constant gradient keeps m̂ = g and v̂ = g² at every step: each moves by lr·sign(g) twice.
        assertEquals(-0.2, a.data()[0], 1e-12);
        assertEquals(0.2, b.data()[0], 1e-12);
    }

    @Test
    void sgdMomentumAccumulatesVelocity() {
        Parameter p = parameter("a", 0.0);
        Sgd sgd = new Sgd(0.1, 0.5);
        for (int k = 0; k < 3; k++) {
            setGrad(p, 1.0);
            sgd.step(List.of(p));
        }
        // Velocities 1, 1.5, 1.75: θ = −0.1·(1 + 1.5 + 1.75).
        assertEquals(-0.425, p.data()[0], 1e-15);
    }

    @Test
    void plainSgdSubtractsTheScaledGradient() {
        Parameter p = parameter("a", 1.0, 2.0);
        setGrad(p, 0.5, -3.0);
        new Sgd(0.2, 0.0).step(List.of(p));
        assertArrayEquals(new double[] {0.9, 2.6}, p.data(), 1e-15);
    }
}
