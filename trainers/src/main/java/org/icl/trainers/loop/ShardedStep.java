package org.icl.trainers.loop;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Task;
import org.icl.api.task.TrainingBatch;

/**
 * The loss and gradient of one training step, with the batch split into fixed shards. Each shard has
 * its own tapes (so its own gradients) and its own data stream per step; the shards run on a small
 * thread pool and their gradients are summed in shard order, weighted by shard size, so a step gives
 * the same bits on one thread or many. Each shard samples its prompts for the next step as soon as
 * its backward pass is done, on a second tape, while the other shards are still computed; sampling
 * reads no parameters, so this changes nothing in the results. A pool takes the shards in any
 * order; the array of sampled batches passes between its threads through the step's futures.
 */
final class ShardedStep implements AutoCloseable {

    private final Task task;
    private final Model model;
    private final List<Parameter> parameters;
    private final long dataSeed;
    private final int steps;
    private final int[] sizes;
    private final double[] weights;
    /** Two tapes per shard: one holds this step's pass while the next step's prompts are written on the other. */
    private final Tape[][] tapes;
    /** Each shard's prompts for its next step, sampled right after its pass (read by whichever thread takes it next). */
    private final TrainingBatch[] next;
    /** The other threads; null when the calling thread does everything. */
    private final ExecutorService pool;

    /** A step split as {@code settings} says, on at most {@code allowed} threads when the settings leave the count open. */
    ShardedStep(Task task, Model model, int batchSize, ShardSettings settings, int allowed, long dataSeed, int steps) {
        this.task = task;
        this.model = model;
        this.parameters = model.parameters();
        this.dataSeed = dataSeed;
        this.steps = steps;
        int shards = Math.min(settings.shards(), batchSize);
        this.sizes = new int[shards];
        this.weights = new double[shards];
        this.tapes = new Tape[shards][2];
        this.next = new TrainingBatch[shards];
        for (int s = 0; s < shards; s++) {
            sizes[s] = batchSize / shards + (s < batchSize % shards ? 1 : 0);
            weights[s] = (double) sizes[s] / batchSize;
            tapes[s][0] = Tape.forTrainingShard();
            tapes[s][1] = Tape.forTrainingShard();
        }
        int threads = Math.min(settings.threadCount(allowed), shards);
        // One thread: the calling thread does everything, with no hand-over. More: a pool of that many threads
        // takes the shards' passes and samplings as they become ready, so that a thread the machine holds back
        // delays one shard, not a fixed half of the work.
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "icl-shard");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Computes step {@code step} (1-based, in order): the batch's loss, returned, and its gradient,
     * written over every parameter's {@link Parameter#grad()}.
     */
    double run(int step) {
        int shards = sizes.length;
        double[] values = new double[shards];
        if (pool == null) {
            for (int s = 0; s < shards; s++) {
                values[s] = shardStep(s, step);
            }
        } else {
            @SuppressWarnings("unchecked")
            CompletableFuture<Double>[] futures = new CompletableFuture[shards];
            for (int s = 0; s < shards; s++) {
                int shard = s;
                futures[s] = CompletableFuture.supplyAsync(() -> shardStep(shard, step), pool);
            }
            for (int s = 0; s < shards; s++) {
                values[s] = join(futures[s]);
            }
        }
        double loss = 0;
        for (int s = 0; s < shards; s++) {
            loss += weights[s] * values[s];
        }
        for (Parameter p : parameters) {
            double[] grad = p.grad().data;
            java.util.Arrays.fill(grad, 0.0);
            for (int s = 0; s < shards; s++) {
                double[] part = tapes[s][step % 2].gradient(p);
                double weight = weights[s];
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += weight * part[i];
                }
            }
        }
        return loss;
    }

    /**
     * One shard's part of a step: its forward and backward pass on the prompts sampled ahead (sampled now at the
     * first step), then the sampling of its next step's prompts onto its other tape; returns its loss.
     */
    private double shardStep(int shard, int step) {
        TrainingBatch batch = next[shard] != null ? next[shard] : sample(shard, step);
        Tensor loss = batch.loss(model.atTrainingStep(step));
        tapes[shard][step % 2].backward(loss);
        next[shard] = step < steps ? sample(shard, step + 1) : null;
        return loss.data()[0];
    }

    private TrainingBatch sample(int shard, int step) {
        Tape tape = tapes[shard][step % 2];
        tape.reset();
        SplittableRandom random = new SplittableRandom(Seeds.derive(dataSeed, (long) step * sizes.length + shard));
        return task.sampleTraining(tape, random, sizes[shard]);
    }

    private static double join(CompletableFuture<Double> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
