package org.icl.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.icl.api.autodiff.Gemm;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.TrainingBatch;
import org.icl.models.attention.LinearSelfAttention;
import org.icl.models.attention.LinearSelfAttentionSettings;
import org.icl.tasks.weights.WeightPredictionSettings;
import org.icl.tasks.weights.WeightPredictionTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot kernels of a weight-prediction training step at the paper's setting (d = 10, n = 20,
 * k = 20), for one shard of 32 prompts (the default batch of 256 in the default 8 shards) and for a
 * whole batch on one tape. Run by hand: {@code java -jar bench/target/benchmarks.jar}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class WeightPredictionBenchmarks {

    @Param({"true", "false"})
    boolean cot;

    @Param({"32", "256"})
    int prompts;

    private WeightPredictionTask task;
    private Model model;
    private final Tape tape = Tape.forTrainingShard();
    private final SplittableRandom random = new SplittableRandom(1);
    private final Gemm gemm = new Gemm();
    private double[] square;
    private double[] wide;
    private double[] product;

    @Setup
    public void setUp() {
        task = new WeightPredictionTask(new WeightPredictionSettings(10, 20, 20, 0.3, cot, 0, List.of(), 1000, 1000, 0.1), 1);
        model = new LinearSelfAttention(22, 20, new LinearSelfAttentionSettings(0.05, true), new SplittableRandom(2));
        square = new double[22 * 22];
        wide = new double[22 * 20 * prompts];
        product = new double[wide.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = random.nextGaussian();
        }
    }

    /** Sampling the prompts and GD targets of one shard. */
    @Benchmark
    public TrainingBatch sampling() {
        tape.reset();
        return task.sampleTraining(tape, random, prompts);
    }

    /** One shard's training pass: sampling, the model's forward pass, the loss and the backward pass. */
    @Benchmark
    public double trainingPass() {
        tape.reset();
        TrainingBatch batch = task.sampleTraining(tape, random, prompts);
        Tensor loss = batch.loss(model);
        tape.backward(loss);
        return loss.data()[0];
    }

    /** The wide product V·A of the kernel: 22×22 times 22×(20·prompts). */
    @Benchmark
    public double[] wideProduct() {
        gemm.multiply(square, 0, 22, false, wide, 0, 22, false, product, 0, 22, wide.length / 22, 22, false);
        return product;
    }

    /** Evaluating on 1000 prompts: autoregressive decoding of k steps from the running state. */
    @Benchmark
    public double evaluation() {
        return task.evaluate(model, 1000).loss();
    }
}
