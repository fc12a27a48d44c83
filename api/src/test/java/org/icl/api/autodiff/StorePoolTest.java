package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The tape's store pool: reuse at fixed shapes, and a bound on what it keeps when every step has another sequence length. */
class StorePoolTest {

    private static final int D = 6;

    /** One training step of softmax attention on a batch of {@code length} columns, then a reset. */
    private static void step(Tape tape, Parameter w, int length, SplittableRandom random) {
        Tensor z = tape.constant(D, length, 4);
        GradientFixtures.fill(z.data(), random);
        Tensor scores = tape.causalMask(tape.matmul(z, true, tape.matmul(w, z), false), Double.NEGATIVE_INFINITY);
        Tensor out = tape.matmul(z, tape.softmaxColumns(scores));
        tape.backward(tape.squaredError(out, tape.constant(D, length, 4)));
        tape.reset();
    }

    /** The entries one step at {@code length} lends: all of them are in the pool of a fresh tape after it. */
    private static long footprint(Parameter w, int length) {
        Tape tape = Tape.forTraining();
        step(tape, w, length, new SplittableRandom(length));
        return tape.pooledEntries();
    }

    @Test
    void fixedShapesAreServedFromThePool() {
        Parameter w = GradientFixtures.parameter("W", D, D, new SplittableRandom(1));
        Tape tape = Tape.forTraining();
        step(tape, w, 9, new SplittableRandom(2));
        long held = tape.pooledEntries();
        assertTrue(held > 0);
        for (int i = 0; i < 20; i++) {
            step(tape, w, 9, new SplittableRandom(3 + i));
            assertEquals(held, tape.pooledEntries(), "a repeated step changed the pool");
        }
        StorePool pool = new StorePool();
        var store = pool.take(3, 4, false);
        pool.releaseAll();
        assertSame(store, pool.take(3, 4, true), "a free store of the same shape is reused");
    }

    @Test
    void manyLengthsKeepThePoolBounded() {
        Parameter w = GradientFixtures.parameter("W", D, D, new SplittableRandom(4));
        Tape tape = Tape.forTraining();
        SplittableRandom random = new SplittableRandom(5);
        int longest = 200;
        for (int length = 1; length <= longest; length++) {
            step(tape, w, length, random);
        }
        long largestStep = footprint(w, longest);
        long everyStep = 0;
        for (int length = 1; length <= longest; length++) {
            everyStep += footprint(w, length);
        }
        /*
         * Every step had a shape of its own, so without trimming the pool would hold all 200 steps'
         * stores (their sum grows with the square of the length). Shapes idle for IDLE_RESETS resets are
         * dropped, so at most the last IDLE_RESETS steps' stores remain, each at most the largest step.
         */
        long bound = StorePool.IDLE_RESETS * largestStep;
        assertTrue(tape.pooledEntries() <= bound, tape.pooledEntries() + " entries pooled, bound " + bound);
        assertTrue(tape.pooledEntries() >= largestStep, "the last step's stores are kept for reuse");
        assertTrue(bound < everyStep / 10, "the bound is not a real test: " + bound + " vs " + everyStep);
        // Going back to a length seen long ago allocates again, and the pool still stays bounded.
        step(tape, w, 3, random);
        assertTrue(tape.pooledEntries() <= bound + largestStep);
    }
}
