package org.icl.app.bench;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Ours and the peer timed alternately, pair after pair, so that both see the same conditions on a
 * shared machine: a warm-up of each sizes the timings to a target length, then every pair times ours
 * and then the peer. The ratios that count are the medians over the pairs.
 */
public final class AlternatingPairs {

    /** One pair: our timing, the peer's, and ours over theirs in steps per second and in CPU time per step. */
    public record Pair(Timing ours, Timing peer) {

        public double ratio() {
            return ours.stepsPerSecond() / peer.stepsPerSecond();
        }

        public double cpuRatio() {
            return peer.cpuMillisPerStep() / ours.cpuMillisPerStep();
        }
    }

    /** All pairs and the step counts each side was timed over. */
    public record Result(int oursSteps, int peerSteps, Pair[] pairs) {

        public double medianRatio() {
            return median(Arrays.stream(pairs).mapToDouble(Pair::ratio).toArray());
        }

        public double medianCpuRatio() {
            return median(Arrays.stream(pairs).mapToDouble(Pair::cpuRatio).toArray());
        }

        public double medianOurs() {
            return median(Arrays.stream(pairs).mapToDouble(p -> p.ours().stepsPerSecond()).toArray());
        }

        public double medianPeer() {
            return median(Arrays.stream(pairs).mapToDouble(p -> p.peer().stepsPerSecond()).toArray());
        }
    }

    /** Listens to each pair as it is timed (to print it at once). */
    @FunctionalInterface
    public interface Listener {
        void timed(int index, Pair pair);
    }

    private AlternatingPairs() {
    }

    /**
     * Warms each side up twice (the second warm-up sized to half the target), then times {@code pairs}
     * pairs of about {@code seconds} each; a side runs at least its given least number of steps.
     */
    public static Result run(IntFunction<Timing> ours, int oursLeast, IntFunction<Timing> peer, int peerLeast,
                             int pairs, double seconds, Listener listener) {
        int oursSteps = sized(ours, oursLeast, seconds);
        int peerSteps = sized(peer, peerLeast, seconds);
        Pair[] timed = new Pair[pairs];
        for (int i = 0; i < pairs; i++) {
            Timing a = ours.apply(oursSteps);
            Timing b = peer.apply(peerSteps);
            timed[i] = new Pair(a, b);
            listener.timed(i, timed[i]);
        }
        return new Result(oursSteps, peerSteps, timed);
    }

    /** Warm-up (JIT, allocator, thread pools) that also finds how many steps take about {@code seconds}. */
    private static int sized(IntFunction<Timing> side, int least, double seconds) {
        double rate = side.apply(least).stepsPerSecond();
        rate = side.apply(Math.max(least, (int) (rate * seconds / 2))).stepsPerSecond();
        return Math.max(least, (int) (rate * seconds));
    }

    /** The median (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
