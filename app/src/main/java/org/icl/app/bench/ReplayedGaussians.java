package org.icl.app.bench;

import java.util.random.RandomGenerator;

/**
 * A generator that hands out a fixed list of standard Gaussian draws in order, so a task samples
 * exactly the prompts another implementation is given; any other kind of draw is refused.
 */
final class ReplayedGaussians implements RandomGenerator {

    private final double[] values;
    private int next;

    ReplayedGaussians(double[] values) {
        this.values = values;
    }

    @Override
    public double nextGaussian() {
        if (next == values.length) {
            throw new IllegalStateException("the task drew more than the " + values.length + " Gaussians prepared");
        }
        return values[next++];
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only Gaussian draws are replayed");
    }

    /** How many draws were taken. */
    int used() {
        return next;
    }
}
