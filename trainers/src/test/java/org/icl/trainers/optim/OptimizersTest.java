package org.icl.trainers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        new Adam(0.9, 0.999, 1e-8).step(List.of(p), 0.05);
        assertArrayEquals(new double[] {0.95, 1.05, 0.95}, p.data(), 0.05 * 1e-6);
    }

    @Test
    void adamZeroGradientLeavesTheParameterAlone() {
        Parameter p = parameter("a", 0.3, -0.7);
        new Adam(0.9, 0.999, 1e-8).step(List.of(p), 0.05);
        assertArrayEquals(new double[] {0.3, -0.7}, p.data(), 0.0);
    }

    @Test
    void adamKeepsSeparateMomentsPerParameter() {
        Parameter a = parameter("a", 0.0);
        Parameter b = parameter("b", 0.0);
        Adam adam = new Adam(0.5, 0.5, 1e-12);
        setGrad(a, 1.0);
        setGrad(b, -4.0);
        adam.step(List.of(a, b), 0.1);
        setGrad(a, 1.0);
        setGrad(b, -4.0);
        adam.step(List.of(a, b), 0.1);
        // A constant gradient keeps m̂ = g and v̂ = g² at every step: each moves by lr·sign(g) twice.
        assertEquals(-0.2, a.data()[0], 1e-12);
        assertEquals(0.2, b.data()[0], 1e-12);
    }

    @Test
    void sgdMomentumAccumulatesVelocity() {
        Parameter p = parameter("a", 0.0);
        Sgd sgd = new Sgd(0.5);
        for (int k = 0; k < 3; k++) {
            setGrad(p, 1.0);
            sgd.step(List.of(p), 0.1);
        }
        // Velocities 1, 1.5, 1.75: θ = −0.1·(1 + 1.5 + 1.75).
        assertEquals(-0.425, p.data()[0], 1e-15);
    }

    @Test
    void plainSgdSubtractsTheScaledGradient() {
        Parameter p = parameter("a", 1.0, 2.0);
        setGrad(p, 0.5, -3.0);
        new Sgd(0.0).step(List.of(p), 0.2);
        assertArrayEquals(new double[] {0.9, 2.6}, p.data(), 1e-15);
    }

    @Test
    void adamContinuesExactlyFromItsSavedState() {
        Parameter a = parameter("a", 0.5, -0.25);
        Adam first = new Adam(0.9, 0.999, 1e-8);
        setGrad(a, 0.3, -2.0);
        first.step(List.of(a), 0.01);
        setGrad(a, -0.7, 0.4);
        first.step(List.of(a), 0.01);

        Parameter b = parameter("a", a.data().clone());
        Parameter c = parameter("a", a.data().clone());
        Adam resumed = new Adam(0.9, 0.999, 1e-8);
        resumed.restore(List.of(b), first.state(List.of(a)));
        Adam fresh = new Adam(0.9, 0.999, 1e-8);
        for (Parameter p : List.of(a, b, c)) {
            setGrad(p, 1.5, 0.01);
        }
        first.step(List.of(a), 0.01);
        resumed.step(List.of(b), 0.01);
        fresh.step(List.of(c), 0.01);
        // Bit for bit: the step count t (bias correction) and both moments came back ...
        assertArrayEquals(a.data(), b.data(), 0.0);
        // ... and they matter: without them the same step lands elsewhere.
        assertNotEquals(a.data()[1], c.data()[1]);
    }

    @Test
    void sgdContinuesExactlyFromItsSavedVelocity() {
        Parameter a = parameter("a", 1.0);
        Sgd first = new Sgd(0.9);
        setGrad(a, 2.0);
        first.step(List.of(a), 0.1);
        Parameter b = parameter("a", a.data().clone());
        Sgd resumed = new Sgd(0.9);
        resumed.restore(List.of(b), first.state(List.of(a)));
        setGrad(a, 1.0);
        setGrad(b, 1.0);
        first.step(List.of(a), 0.1);
        resumed.step(List.of(b), 0.1);
        // velocity 0.9·2 + 1 = 2.8: θ = 1 − 0.2 − 0.28
        assertEquals(0.52, a.data()[0], 1e-15);
        assertEquals(a.data()[0], b.data()[0], 0.0);
    }

    @Test
    void restoringStateOfAnotherShapeIsRefusedNamingTheEntry() {
        Parameter small = parameter("V", 1.0);
        Parameter large = parameter("V", 1.0, 2.0);
        Adam adam = new Adam(0.9, 0.999, 1e-8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.9, 0.999, 1e-8).restore(List.of(large), adam.state(List.of(small))));
        assertTrue(e.getMessage().contains("m/V"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(0.5).restore(List.of(small), adam.state(List.of(small))));
        assertTrue(missing.getMessage().contains("velocity/V"), missing.getMessage());
    }
}
