package org.icl.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Gemm;
import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.Settings;
import org.icl.models.softmax.SoftmaxAttention;
import org.icl.models.softmax.SoftmaxAttentionSettings;
import org.icl.tasks.tree.TreePathSettings;
import org.icl.tasks.tree.TreePathTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The softmax-attention training step on backward tree paths at the paper's setting (depth 4, S = 31:
 * tokens of 98 rows, 36 columns, 5 queries), for one shard of 32 prompts; and its hot product, the
 * key-query matrix times the one-hot queries, through the tape's sparse path against the dense kernel.
 * Run by hand: {@code java -jar bench/target/benchmarks.jar TreePath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TreePathBenchmarks {

    private static final int ROWS = 98;
    private static final int QUERIES = 5 * 32;

    private TreePathTask task;
    private SoftmaxAttention model;
    private final Tape tape = Tape.forTrainingShard();
    private final Tape inference = Tape.forInference();
    private final SplittableRandom random = new SplittableRandom(1);
    private final Gemm gemm = new Gemm();
    private Parameter keyQuery;
    private double[] oneHot;
    private double[] product;

    @Setup
    public void setUp() {
        var reference = ConfigFactory.defaultReference();
        task = new TreePathTask(TreePathSettings.from(new Settings(reference.getConfig("icl.defaults.task.tree-path"), "task")), 1);
        model = new SoftmaxAttention(task.shape(), SoftmaxAttentionSettings.from(
                new Settings(reference.getConfig("icl.defaults.model.softmax-attention"), "model")), 1);
        keyQuery = new Parameter("KQ", ROWS, ROWS);
        for (int i = 0; i < ROWS * ROWS; i++) {
            keyQuery.data()[i] = random.nextGaussian();
        }
        // Node tokens: a one in the node block and the node flag.
        oneHot = new double[ROWS * QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            oneHot[q * ROWS + 64 + random.nextInt(32)] = 1;
            oneHot[q * ROWS + 97] = 1;
        }
        product = new double[ROWS * QUERIES];
    }

    /** One shard's training pass: sampling 32 trees, the forward pass, the loss and the backward pass. */
    @Benchmark
    public double trainingPass() {
        tape.reset();
        Tensor loss = task.trainingLoss(tape, model, random, 32);
        tape.backward(loss);
        return loss.data()[0];
    }

    /** The key-query matrix times 160 one-hot queries through the tape, which finds the nonzeros and skips the zeros. */
    @Benchmark
    public double[] sparseProduct() {
        inference.reset();
        return inference.matmul(keyQuery, Tensor.wrap(ROWS, QUERIES, 1, oneHot)).data();
    }

    /** The same product by the dense kernel. */
    @Benchmark
    public double[] denseProduct() {
        gemm.multiply(keyQuery.data(), 0, ROWS, false, oneHot, 0, ROWS, false, product, 0, ROWS, QUERIES, ROWS, false);
        return product;
    }
}
