package org.icl.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.ojalgo.matrix.store.R064Store;

/**
 * Test inputs for {@link GradientCheck} and its JUnit form: trainable leaves, parameters, constants,
 * and a random projection that reduces a tensor-valued op to a scalar loss. Batched leaves are built
 * with the package-private {@link Tensor} constructor, because no public type can hold a trainable batch.
 */
final class GradientFixtures {

    private GradientFixtures() {
    }

    /** {@link GradientCheck#check} and fails unless both norm-wise errors are within {@link GradientCheck#TOLERANCE} for every input. */
    static <T extends Tensor> GradientCheck.Result assertGradients(String label, BiFunction<Tape, List<T>, Tensor> loss,
                                                     List<T> inputs) {
        GradientCheck.Result result = GradientCheck.check(loss, inputs);
        if (Boolean.getBoolean("gradientcheck.verbose")) {
            System.out.println(label + ": " + result);
        }
        assertTrue(result.passes(), label + ": " + result);
        return result;
    }

    /**
     * Reduces a tensor-valued op to a scalar by a fixed random projection, sum(op(...) ∘ R), so that every output
     * entry carries weight. R is drawn from {@code seed} on the first call, with the shape of the op's result.
     */
    static <T extends Tensor> BiFunction<Tape, List<T>, Tensor> projected(long seed,
                                                                       BiFunction<Tape, List<T>, Tensor> op) {
        Tensor[] projection = new Tensor[1];
        return (tape, inputs) -> {
            Tensor out = op.apply(tape, inputs);
            if (projection[0] == null) {
                projection[0] = constant(out.rows(), out.cols(), out.batch(), new SplittableRandom(seed));
            }
            Tensor r = projection[0];
            assertTrue(r.rows() == out.rows() && r.cols() == out.cols() && r.batch() == out.batch(),
                    "op changed shape between evaluations: " + out + " vs " + r);
            return tape.sum(tape.hadamard(out, r));
        };
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** A batched tensor that requires a gradient, uniform in [-1, 1). */
    static Tensor leaf(int rows, int cols, int batch, SplittableRandom random) {
        Tensor t = new Tensor(rows, cols, batch, R064Store.FACTORY.make(rows, (long) cols * batch), true);
        fill(t.data(), random);
        return t;
    }

    /** A trainable input: a {@link Parameter} for batch 1 (as models use them), else a batched {@link #leaf}. */
    static Tensor trainable(int rows, int cols, int batch, SplittableRandom random) {
        if (batch == 1) {
            return parameter("p", rows, cols, random);
        }
        return leaf(rows, cols, batch, random);
    }

    /** A parameter uniform in [-1, 1). */
    static Parameter parameter(String name, int rows, int cols, SplittableRandom random) {
        Parameter p = new Parameter(name, rows, cols);
        fill(p.data(), random);
        return p;
    }

    /** A constant (no gradient) uniform in [-1, 1). */
    static Tensor constant(int rows, int cols, int batch, SplittableRandom random) {
        double[] data = new double[rows * cols * batch];
        fill(data, random);
        return Tensor.wrap(rows, cols, batch, data);
    }

    static void fill(double[] data, SplittableRandom random) {
        for (int e = 0; e < data.length; e++) {
            data[e] = random.nextDouble(-1.0, 1.0);
        }
    }
}
