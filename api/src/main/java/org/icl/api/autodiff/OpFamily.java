package org.icl.api.autodiff;

/**
 * Base of the op families ({@link ProductOps}, {@link EntrywiseOps}, {@link ShapeOps},
 * {@link ReductionOps}): gives each op the tape's plumbing, so an op is written as its forward
 * loop plus the backward step it records.
 */
abstract class OpFamily {

    private final Tape tape;

    OpFamily(Tape tape) {
        this.tape = tape;
    }

    /** A result store from the tape's pool; zero-filled only when asked, since most results are overwritten whole. */
    final Tensor result(int rows, int cols, int batch, boolean requiresGrad, boolean zeroed) {
        return tape.result(rows, cols, batch, requiresGrad, zeroed);
    }

    /** Records an op's backward step, run only if some gradient reached its result. */
    final void record(Tensor out, Runnable step) {
        tape.record(out, step);
    }

    /** Whether a result of these inputs needs a gradient (the tape records and some input does). */
    final boolean tracks(Tensor... inputs) {
        return tape.tracks(inputs);
    }

    /** The gradient array of t, taken zero-filled from the pool on first use. */
    final double[] gradOf(Tensor t) {
        return tape.gradOf(t);
    }

    static int broadcastBatch(Tensor a, Tensor b) {
        if (a.batch() == b.batch() || b.batch() == 1) {
            return a.batch();
        }
        if (a.batch() == 1) {
            return b.batch();
        }
        throw new IllegalArgumentException("batches " + a.batch() + " and " + b.batch() + " do not broadcast");
    }

    static void requireSameShape(String op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a + " and " + b);
        }
    }

    static void checkRange(String op, int from, int to, int limit) {
        if (from < 0 || to > limit || from >= to) {
            throw new IllegalArgumentException(op + ": range [" + from + ", " + to + ") outside [0, " + limit + ")");
        }
    }
}
