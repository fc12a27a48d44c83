package org.icl.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A seeded generator that keeps every standard Gaussian and every bounded integer it hands out, in
 * order, so that another implementation can be given exactly the prompts a task sampled from it; any
 * other kind of draw is refused, since the peer could not follow it.
 */
final class RecordedDraws implements RandomGenerator {

    private final SplittableRandom source;
    private final List<Double> gaussians = new ArrayList<>();
    private final List<Integer> ints = new ArrayList<>();

    RecordedDraws(long seed) {
        this.source = new SplittableRandom(seed);
    }

    @Override
    public double nextGaussian() {
        double value = source.nextGaussian();
        gaussians.add(value);
        return value;
    }

    @Override
    public int nextInt(int bound) {
        int value = source.nextInt(bound);
        ints.add(value);
        return value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only Gaussians and bounded integers are recorded");
    }

    /** The Gaussians drawn so far, in order. */
    List<Double> gaussianDraws() {
        return List.copyOf(gaussians);
    }

    /** The bounded integers drawn so far, in order. */
    List<Integer> boundedInts() {
        return List.copyOf(ints);
    }
}
