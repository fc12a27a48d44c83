package org.icl.trainers.loop;

import org.icl.api.config.Settings;

/**
 * How one training step is split for parallel work.
 *
 * @param shards  parts of each batch, each computed on its own tape and gradient, summed in a fixed order;
 *                the results depend on this number, never on {@code threads}
 * @param threads threads computing the shards; 0 means one per shard, up to the threads the run may use
 */
public record ShardSettings(int shards, int threads) {

    /** The whole batch on one tape, on one thread. */
    public static final ShardSettings SERIAL = new ShardSettings(1, 1);

    public static ShardSettings from(Settings s) {
        return new ShardSettings(s.intBetween("shards", 1, 1024), s.intBetween("threads", 0, 1024));
    }

    /**
     * The number of threads to use: {@code threads}, or for 0 one per shard up to {@code allowed}, the threads
     * the run may use ({@link org.icl.api.train.RunContext#threads()}: also per trial when a study runs trials side by side).
     */
    public int threadCount(int allowed) {
        return threads > 0 ? threads : Math.min(shards, allowed);
    }
}
