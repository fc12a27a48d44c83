package org.icl.api.autodiff;

import static org.icl.api.autodiff.GradientCheck.check;
import static org.icl.api.autodiff.GradientFixtures.constant;
import static org.icl.api.autodiff.GradientFixtures.leaf;
import static org.icl.api.autodiff.GradientFixtures.parameter;
import static org.icl.api.autodiff.GradientFixtures.projected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

/** Tape plumbing: which inputs get gradients, pooling across resets, inference tapes, and shape checks. */
class TapeBehaviourTest {

    private static final int D = 4;
    private static final int N = 5;
    private static final int BATCH = 3;

    /** A loss that runs most ops over the attention layer, so that many pooled stores are in play. */
    private static Tensor loss(Tape tape, Parameter v, Parameter w, Tensor z, Tensor target) {
        Tensor out = AttentionGradientTest.attention(tape, v, w, z);
        Tensor hidden = tape.map(tape.concatRows(out, tape.sliceRows(out, 0, 1)), Elementwise.TANH);
        Tensor probabilities = tape.softmaxColumns(
                tape.causalMask(tape.matmul(hidden, true, hidden, false), Double.NEGATIVE_INFINITY));
        Tensor last = tape.sliceCols(tape.matmul(hidden, probabilities), N - 1, N);
        return tape.add(tape.squaredError(tape.sliceRows(last, 0, D), target),
                tape.scale(tape.sum(tape.transpose(hidden)), 1e-2));
    }

    // ---- which inputs get gradients --------------------------------------------------------------

    @Test
    void constantOperandsGetNoGradient() {
        SplittableRandom random = new SplittableRandom(51);
        Parameter p = parameter("p", 3, 3, random);
        Tensor c = constant(3, 3, BATCH, random);
        List<BiFunction<Tape, Tensor[], Tensor>> binary = List.of(
                (tape, x) -> tape.matmul(x[0], x[1]),
                (tape, x) -> tape.matmul(x[0], true, x[1], false),
                (tape, x) -> tape.matmul(x[0], false, x[1], true),
                (tape, x) -> tape.add(x[0], x[1]),
                (tape, x) -> tape.subtract(x[0], x[1]),
                (tape, x) -> tape.hadamard(x[0], x[1]));
        for (BiFunction<Tape, Tensor[], Tensor> op : binary) {
            for (boolean parameterFirst : new boolean[] {true, false}) {
                p.zeroGrad();
                Tape tape = Tape.forTraining();
                Tensor out = parameterFirst ? op.apply(tape, new Tensor[] {p, c}) : op.apply(tape, new Tensor[] {c, p});
                assertTrue(out.requiresGrad());
                tape.backward(tape.sum(out));
                assertNull(c.grad(), "constant operand got a gradient");
                assertTrue(java.util.Arrays.stream(p.grad().data).anyMatch(g -> g != 0), "parameter got none");
            }
        }
        // Concatenations need equal batches: a batched leaf beside a batched constant.
        Tensor l = leaf(3, 3, BATCH, random);
        for (boolean rows : new boolean[] {true, false}) {
            Tape tape = Tape.forTraining();
            Tensor out = rows ? tape.concatRows(c, l) : tape.concatCols(l, c);
            tape.backward(tape.sum(out));
            assertNull(c.grad());
            assertNotNull(l.grad());
            l.grad = null;
        }
    }

    @Test
    void opsOnConstantsRecordNothingOnATrainingTape() {
        SplittableRandom random = new SplittableRandom(52);
        Tensor a = constant(3, 3, BATCH, random);
        Tensor b = constant(3, 3, 1, random);
        Tape tape = Tape.forTraining();
        Tensor[] results = {
            tape.matmul(a, b), tape.add(a, b), tape.subtract(b, a), tape.hadamard(a, b), tape.scale(a, 2),
            tape.map(a, Elementwise.TANH), tape.causalMask(a, 0.0), tape.transpose(a), tape.sliceRows(a, 0, 2),
            tape.sliceCols(a, 1, 3), tape.concatRows(a, a), tape.concatCols(a, a), tape.softmaxColumns(a),
            tape.sum(a), tape.squaredError(a, a), tape.crossEntropy(a, new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2})};
        for (Tensor r : results) {
            assertFalse(r.requiresGrad(), r + " requires a gradient though made of constants");
        }
        Tensor loss = tape.sum(tape.matmul(a, b));
        tape.backward(loss); // a loss that needs no gradient is a no-op
        assertNull(a.grad());
        assertNull(b.grad());
        assertNull(loss.grad());
    }

    @Test
    void parameterGradientsAccumulateUntilZeroed() {
        SplittableRandom random = new SplittableRandom(53);
        Parameter p = parameter("p", 3, 3, random);
        Tensor x = constant(3, 2, BATCH, random);
        Tape tape = Tape.forTraining();
        tape.backward(tape.sum(tape.map(tape.matmul(p, x), Elementwise.TANH)));
        double[] once = p.grad().data.clone();
        tape.reset();
        tape.backward(tape.sum(tape.map(tape.matmul(p, x), Elementwise.TANH)));
        for (int e = 0; e < once.length; e++) {
            assertEquals(2 * once[e], p.grad().data[e], 1e-15);
        }
        p.zeroGrad();
        assertTrue(java.util.Arrays.stream(p.grad().data).allMatch(g -> g == 0));
    }

    @Test
    void anOpThatDoesNotReachTheLossIsIgnored() {
        // A tensor computed on a training tape but left out of the loss (a metric, say) must not break backward.
        SplittableRandom random = new SplittableRandom(54);
        Parameter p = parameter("p", 3, 3, random);
        Tensor x = constant(3, 2, BATCH, random);
        Tape tape = Tape.forTraining();
        Tensor y = tape.matmul(p, x);
        Tensor unused = tape.map(y, Elementwise.EXP);
        assertTrue(unused.requiresGrad());
        tape.backward(tape.sum(y));
        Tape reference = Tape.forTraining();
        Parameter q = new Parameter("q", 3, 3);
        System.arraycopy(p.data(), 0, q.data(), 0, p.data().length);
        reference.backward(reference.sum(reference.matmul(q, x)));
        assertArrayEquals(q.grad().data, p.grad().data, 0.0);
    }

    // ---- pooling ---------------------------------------------------------------------------------

    @Test
    void resetAndReuseGiveIdenticalResults() {
        SplittableRandom random = new SplittableRandom(55);
        Parameter v = parameter("V", D, D, random);
        Parameter w = parameter("W", D, D, random);
        Tensor z = constant(D, N, BATCH, random);
        Tensor target = constant(D, 1, BATCH, random);
        Tensor otherZ = constant(D, N, BATCH, random);

        Tape fresh = Tape.forTraining();
        Tensor first = loss(fresh, v, w, z, target);
        double value = first.data()[0];
        fresh.backward(first);
        double[] gv = v.grad().data.clone();
        double[] gw = w.grad().data.clone();

        Tape reused = Tape.forTraining();
        for (int round = 0; round < 4; round++) {
            // Scribble over the pool with the same shapes (other values), then reset and redo the original.
            v.zeroGrad();
            w.zeroGrad();
            Tensor scribble = loss(reused, v, w, otherZ, target);
            if (round % 2 == 0) {
                reused.backward(scribble);
            }
            reused.reset();
            v.zeroGrad();
            w.zeroGrad();
            Tensor again = loss(reused, v, w, z, target);
            assertEquals(value, again.data()[0], 0.0, "loss after reset, round " + round);
            reused.backward(again);
            assertArrayEquals(gv, v.grad().data, 0.0, "dV after reset, round " + round);
            assertArrayEquals(gw, w.grad().data, 0.0, "dW after reset, round " + round);
            reused.reset();
        }

        Tape inference = Tape.forInference();
        for (int round = 0; round < 3; round++) {
            loss(inference, v, w, otherZ, target);
            inference.reset();
            assertEquals(value, loss(inference, v, w, z, target).data()[0], 0.0, "inference after reset");
            inference.reset();
        }
    }

    // ---- inference tapes -------------------------------------------------------------------------

    @Test
    void inferenceTapesRecordNothing() {
        SplittableRandom random = new SplittableRandom(56);
        Parameter v = parameter("V", D, D, random);
        Parameter w = parameter("W", D, D, random);
        Tensor z = constant(D, N, BATCH, random);
        Tensor target = constant(D, 1, BATCH, random);
        Tape tape = Tape.forInference();
        Tensor loss = loss(tape, v, w, z, target);
        assertFalse(loss.requiresGrad());
        assertFalse(tape.matmul(v, z).requiresGrad());
        assertFalse(tape.map(w, Elementwise.TANH).requiresGrad());
        assertThrows(IllegalStateException.class, () -> tape.backward(loss));
        assertTrue(java.util.Arrays.stream(v.grad().data).allMatch(g -> g == 0));
        assertTrue(java.util.Arrays.stream(w.grad().data).allMatch(g -> g == 0));
        // Same value as a training tape.
        assertEquals(loss.data()[0], loss(Tape.forTraining(), v, w, z, target).data()[0], 0.0);
    }

    /**
     * A parameter restricted to some entries gets, after backward, exactly the unrestricted gradient on
     * those entries and zero on the others, also when it is used several times in the pass.
     */
    @Test
    void frozenEntriesGetNoGradient() {
        SplittableRandom random = new SplittableRandom(58);
        Parameter v = parameter("v", D, D, random);
        Parameter w = parameter("w", D, D, random);
        Tensor z = constant(D, N, BATCH, random);
        Tensor target = constant(D, 1, BATCH, random);
        BiFunction<Tape, List<Parameter>, Tensor> twoLayers = (tape, in) -> {
            Tensor once = AttentionGradientTest.attention(tape, in.get(0), in.get(1), z);
            Tensor twice = AttentionGradientTest.attention(tape, in.get(0), in.get(1), once);
            return tape.squaredError(tape.sliceCols(twice, N - 1, N), target);
        };
        GradientFixtures.assertGradients("unrestricted", twoLayers, List.of(v, w));
        double[] full = v.grad().data.clone();
        double[] fullW = w.grad().data.clone();

        boolean[] trains = new boolean[D * D];
        for (int e = 0; e < trains.length; e += 3) {
            trains[e] = true;
        }
        v.restrictTraining(trains);
        v.zeroGrad();
        w.zeroGrad();
        Tape tape = Tape.forTraining();
        tape.backward(twoLayers.apply(tape, List.of(v, w)));
        for (int e = 0; e < trains.length; e++) {
            assertEquals(trains[e] ? full[e] : 0.0, v.grad().data[e], 0.0, "entry " + e);
        }
        assertArrayEquals(fullW, w.grad().data, "an unrestricted parameter keeps its whole gradient");
        assertTrue(v.trains(0, 0));
        assertFalse(v.trains(1, 0));
        assertThrows(IllegalArgumentException.class, () -> v.restrictTraining(new boolean[3]));
    }

    // ---- shape checks ----------------------------------------------------------------------------

    @Test
    void shapeMismatchesThrow() {
        SplittableRandom random = new SplittableRandom(57);
        Tensor a34 = constant(3, 4, 1, random);
        Tensor a34x3 = constant(3, 4, 3, random);
        Tensor a34x2 = constant(3, 4, 2, random);
        Tensor a43 = constant(4, 3, 1, random);
        Tensor a33 = constant(3, 3, 1, random);
        Tensor a24 = constant(2, 4, 1, random);
        Parameter p = parameter("p", 3, 4, random);
        Tape tape = Tape.forTraining();

        assertThrows(IllegalArgumentException.class, () -> tape.matmul(a34, a34));
        assertThrows(IllegalArgumentException.class, () -> tape.matmul(a34, true, a43, false));
        assertThrows(IllegalArgumentException.class, () -> tape.matmul(a34, false, a43, true));
        assertThrows(IllegalArgumentException.class, () -> tape.matmul(a34x3, false, a34x2, true));
        for (BiFunction<Tensor, Tensor, Tensor> op : List.<BiFunction<Tensor, Tensor, Tensor>>of(
                tape::add, tape::subtract, tape::hadamard)) {
            assertThrows(IllegalArgumentException.class, () -> op.apply(a34, a43));
            assertThrows(IllegalArgumentException.class, () -> op.apply(p, a33));
            assertThrows(IllegalArgumentException.class, () -> op.apply(a34x3, a34x2));
        }
        assertThrows(IllegalArgumentException.class, () -> tape.concatRows(a34, a33));
        assertThrows(IllegalArgumentException.class, () -> tape.concatRows(a34, a34x3));
        assertThrows(IllegalArgumentException.class, () -> tape.concatCols(a34, a24));
        assertThrows(IllegalArgumentException.class, () -> tape.concatCols(a34x3, a34));
        assertThrows(IllegalArgumentException.class, () -> tape.sliceRows(a34, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> tape.sliceRows(a34, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> tape.sliceRows(a34, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> tape.sliceCols(a34, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> tape.sliceCols(a34, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> tape.squaredError(a34, a43));
        assertThrows(IllegalArgumentException.class, () -> tape.squaredError(a34x2, a34x3));
        assertThrows(IllegalArgumentException.class, () -> tape.squaredError(a34, a34x3));
        assertThrows(IllegalArgumentException.class, () -> tape.stackBatches(List.of(a34, a43)));
        assertThrows(IllegalArgumentException.class, () -> tape.stackBatches(List.of()));
        assertThrows(IllegalArgumentException.class, () -> tape.crossEntropy(a34, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> tape.crossEntropy(a34, new int[] {0, 1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> tape.backward(tape.matmul(p, a43)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(3, 4, 1, new double[11]));
    }

    // ---- the checker itself ----------------------------------------------------------------------

    @Test
    void checkerRejectsAWrongDerivative() {
        Elementwise wrong = new Elementwise() {
            public double apply(double x) {
                return Math.sin(x);
            }

            public double derivative(double x, double y) {
                return Math.cos(x) * (1 + 1e-5); // off by 1e-5 relative: must be caught
            }
        };
        Tensor a = leaf(3, 4, BATCH, new SplittableRandom(58));
        GradientCheck.Result result = check(projected(1, (tape, in) -> tape.map(in.get(0), wrong)), List.of(a));
        assertFalse(result.passes(), result.toString());
    }

    @Test
    void checkerRejectsASingleWrongEntry() {
        // Derivative of sin off by 1e-4 relative at one entry only, of 36.
        Tensor a = leaf(3, 4, BATCH, new SplittableRandom(59));
        a.data()[17] = 0.5;
        Elementwise oneWrong = new Elementwise() {
            public double apply(double x) {
                return Math.sin(x);
            }

            public double derivative(double x, double y) {
                return Math.cos(x) * (x == 0.5 ? 1 + 1e-4 : 1);
            }
        };
        GradientCheck.Result result = check((tape, in) -> tape.sum(tape.map(in.get(0), oneWrong)), List.of(a));
        assertFalse(result.passes(), result.toString());
        assertTrue(result.maxNormError() > GradientCheck.TOLERANCE, result.toString());
        assertTrue(result.worstEntry().contains("entry 17"), result.toString());
    }
}
