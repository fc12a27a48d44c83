package org.icl.api.autodiff;

import static org.icl.api.autodiff.GradientFixtures.assertGradients;
import static org.icl.api.autodiff.GradientFixtures.constant;
import static org.icl.api.autodiff.GradientFixtures.leaf;
import static org.icl.api.autodiff.GradientFixtures.parameter;
import static org.icl.api.autodiff.GradientFixtures.projected;
import static org.icl.api.autodiff.GradientFixtures.trainable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradients of every non-product op of the tape against central finite differences. */
class OpGradientTest {

    private static final int ROWS = 3;
    private static final int COLS = 4;

    // ---- entrywise ------------------------------------------------------------------------------

    private static Tensor combine(Tape tape, String op, Tensor a, Tensor b) {
        return switch (op) {
            case "add" -> tape.add(a, b);
            case "subtract" -> tape.subtract(a, b);
            case "hadamard" -> tape.hadamard(a, b);
            default -> throw new IllegalArgumentException(op);
        };
    }

    @ParameterizedTest(name = "{0}, batches {1} and {2}")
    @CsvSource({
        "add, 1, 3", "add, 3, 1", "add, 3, 3", "add, 1, 1",
        "subtract, 1, 3", "subtract, 3, 1", "subtract, 3, 3", "subtract, 1, 1",
        "hadamard, 1, 3", "hadamard, 3, 1", "hadamard, 3, 3", "hadamard, 1, 1"})
    void entrywiseWithBroadcasting(String op, int aBatch, int bBatch) {
        SplittableRandom random = new SplittableRandom(21);
        Tensor a = trainable(ROWS, COLS, aBatch, random);
        Tensor b = trainable(ROWS, COLS, bBatch, random);
        String label = op + " batches " + aBatch + "," + bBatch;
        assertGradients(label, projected(1, (tape, in) -> combine(tape, op, in.get(0), in.get(1))), List.of(a, b));

        Tensor fixedB = constant(ROWS, COLS, bBatch, random);
        assertGradients(label + ", a only", projected(2, (tape, in) -> combine(tape, op, in.get(0), fixedB)),
                List.of(a));
        assertNull(fixedB.grad());
        Tensor fixedA = constant(ROWS, COLS, aBatch, random);
        assertGradients(label + ", b only", projected(3, (tape, in) -> combine(tape, op, fixedA, in.get(0))),
                List.of(b));
        assertNull(fixedA.grad());
    }

    @Test
    void hadamardOfATensorWithItself() {
        Tensor a = leaf(ROWS, COLS, 3, new SplittableRandom(22));
        assertGradients("a∘a", projected(1, (tape, in) -> tape.hadamard(in.get(0), in.get(0))), List.of(a));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void scale(int batch) {
        Tensor a = trainable(ROWS, COLS, batch, new SplittableRandom(23));
        assertGradients("scale", projected(1, (tape, in) -> tape.scale(in.get(0), -1.7)), List.of(a));
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"TANH, 1", "TANH, 3", "SQUARE, 1", "SQUARE, 3", "EXP, 1", "EXP, 3", "RELU, 1", "RELU, 3"})
    void map(String name, int batch) {
        Elementwise f = switch (name) {
            case "TANH" -> Elementwise.TANH;
            case "SQUARE" -> Elementwise.SQUARE;
            case "EXP" -> Elementwise.EXP;
            case "RELU" -> Elementwise.RELU;
            default -> throw new IllegalArgumentException(name);
        };
        SplittableRandom random = new SplittableRandom(24);
        Tensor a = trainable(ROWS, COLS, batch, random);
        if (f == Elementwise.RELU) {
            // Keep every entry at least 0.2 away from the kink, with both signs present.
            double[] x = a.data();
            for (int e = 0; e < x.length; e++) {
                x[e] = (e % 2 == 0 ? 1 : -1) * random.nextDouble(0.2, 1.0);
            }
        }
        assertGradients(name, projected(1, (tape, in) -> tape.map(in.get(0), f)), List.of(a));
    }

    @ParameterizedTest(name = "{0}, batches {1} and {2}")
    @CsvSource({"addColumn, 1, 1", "addColumn, 3, 1", "addColumn, 3, 3",
        "scaleRows, 1, 1", "scaleRows, 3, 1", "scaleRows, 3, 3"})
    void rowBroadcasts(String op, int aBatch, int vBatch) {
        SplittableRandom random = new SplittableRandom(39);
        Tensor a = trainable(ROWS, COLS, aBatch, random);
        Tensor v = vBatch == 1 ? parameter("v", ROWS, 1, random) : leaf(ROWS, 1, vBatch, random);
        BiFunction<Tape, List<Tensor>, Tensor> f = (tape, in) -> op.equals("addColumn")
                ? tape.addColumn(in.get(0), in.get(1)) : tape.scaleRows(in.get(0), in.get(1));
        assertGradients(op, projected(1, f), List.of(a, v));
        Tensor out = f.apply(Tape.forInference(), List.of(a, v));
        for (int s = 0; s < aBatch; s++) {
            for (int r = 0; r < ROWS; r++) {
                double u = v.get(vBatch == 1 ? 0 : s, r, 0);
                for (int c = 0; c < COLS; c++) {
                    double x = a.get(s, r, c);
                    assertEquals(op.equals("addColumn") ? x + u : x * u, out.get(s, r, c), 0.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void normalizeColumns(int batch) {
        SplittableRandom random = new SplittableRandom(40);
        Tensor a = trainable(5, COLS, batch, random);
        assertGradients("normalizeColumns", projected(1, (tape, in) -> tape.normalizeColumns(in.get(0), 1e-5)),
                List.of(a));
        // With a gain and a bias, as layer norm uses it.
        Parameter gain = parameter("gain", 5, 1, random);
        Parameter bias = parameter("bias", 5, 1, random);
        assertGradients("layer norm", projected(2, (tape, in) -> tape.addColumn(
                tape.scaleRows(tape.normalizeColumns(in.get(0), 1e-5), in.get(1)), in.get(2))), List.of(a, gain, bias));
        Tensor y = Tape.forInference().normalizeColumns(a, 0.0);
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < COLS; c++) {
                double mean = 0;
                double squares = 0;
                for (int r = 0; r < 5; r++) {
                    mean += y.get(s, r, c) / 5;
                    squares += y.get(s, r, c) * y.get(s, r, c) / 5;
                }
                assertEquals(0.0, mean, 1e-15);
                assertEquals(1.0, squares, 1e-14);
            }
        }
        // A constant column maps to zeros, not NaN.
        Tensor flat = Tensor.wrap(3, 1, 1, new double[] {2, 2, 2});
        assertEquals(List.of(0.0, 0.0, 0.0), java.util.Arrays.stream(
                Tape.forInference().normalizeColumns(flat, 1e-5).data()).boxed().toList());
    }

    // ---- masks ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}×{1}, batch {2}, first query {3}")
    @CsvSource({"4, 4, 1, 0", "4, 4, 3, 0", "5, 3, 3, 0", "3, 5, 3, 0", "5, 3, 3, 2", "4, 4, 1, 1"})
    void causalMaskWithZeroFill(int rows, int cols, int batch, int firstQuery) {
        Tensor a = trainable(rows, cols, batch, new SplittableRandom(25));
        BiFunction<Tape, List<Tensor>, Tensor> op = firstQuery == 0
                ? (tape, in) -> tape.causalMask(in.get(0), 0.0)
                : (tape, in) -> tape.causalMask(in.get(0), firstQuery, 0.0);
        assertGradients("mask 0", projected(1, op), List.of(a));
        // Masked entries get exactly zero gradient.
        Tape tape = Tape.forTraining();
        if (a instanceof Parameter p) {
            p.zeroGrad();
        } else {
            a.grad = null;
        }
        tape.backward(tape.sum(op.apply(tape, List.of(a))));
        for (int s = 0; s < batch; s++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double expected = r <= firstQuery + c ? 1.0 : 0.0;
                    assertEquals(expected, a.grad().data[a.index(s, r, c)], 0.0, "(" + s + "," + r + "," + c + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}, batch {2}, first query {3}")
    @CsvSource({"4, 4, 1, 0", "4, 4, 3, 0", "5, 3, 3, 0", "3, 5, 3, 0", "5, 3, 3, 2"})
    void causalMaskWithMinusInfinityThenSoftmax(int rows, int cols, int batch, int firstQuery) {
        Tensor a = trainable(rows, cols, batch, new SplittableRandom(26));
        double fill = Double.NEGATIVE_INFINITY;
        BiFunction<Tape, List<Tensor>, Tensor> op = firstQuery == 0
                ? (tape, in) -> tape.softmaxColumns(tape.causalMask(in.get(0), fill))
                : (tape, in) -> tape.softmaxColumns(tape.causalMask(in.get(0), firstQuery, fill));
        assertGradients("mask -inf, softmax", projected(1, op), List.of(a));
        Tensor probabilities = op.apply(Tape.forInference(), List.of(a));
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < cols; c++) {
                double total = 0;
                for (int r = 0; r < rows; r++) {
                    double v = probabilities.get(s, r, c);
                    if (r > firstQuery + c) {
                        assertEquals(0.0, v, 0.0, "masked probability");
                    }
                    total += v;
                }
                assertEquals(1.0, total, 1e-14);
            }
        }
    }

    // ---- shape ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void transpose(int batch) {
        Tensor a = trainable(ROWS, COLS, batch, new SplittableRandom(27));
        assertGradients("transpose", projected(1, (tape, in) -> tape.transpose(in.get(0))), List.of(a));
        Tensor t = Tape.forInference().transpose(a);
        assertEquals(COLS, t.rows());
        assertEquals(ROWS, t.cols());
        for (int s = 0; s < batch; s++) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    assertEquals(a.get(s, r, c), t.get(s, c, r), 0.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "rows [{0}, {1}), batch {2}")
    @CsvSource({"1, 3, 1", "1, 3, 3", "0, 4, 3", "3, 4, 3"})
    void sliceRows(int from, int to, int batch) {
        Tensor a = trainable(4, 3, batch, new SplittableRandom(28));
        assertGradients("sliceRows", projected(1, (tape, in) -> tape.sliceRows(in.get(0), from, to)), List.of(a));
    }

    @ParameterizedTest(name = "cols [{0}, {1}), batch {2}")
    @CsvSource({"1, 3, 1", "1, 3, 3", "0, 4, 3", "3, 4, 3"})
    void sliceCols(int from, int to, int batch) {
        Tensor a = trainable(3, 4, batch, new SplittableRandom(29));
        assertGradients("sliceCols", projected(1, (tape, in) -> tape.sliceCols(in.get(0), from, to)), List.of(a));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void concatRows(int batch) {
        SplittableRandom random = new SplittableRandom(30);
        Tensor a = trainable(2, 3, batch, random);
        Tensor b = trainable(3, 3, batch, random);
        assertGradients("concatRows", projected(1, (tape, in) -> tape.concatRows(in.get(0), in.get(1))),
                List.of(a, b));
        Tensor fixed = constant(3, 3, batch, random);
        assertGradients("concatRows, a only", projected(2, (tape, in) -> tape.concatRows(in.get(0), fixed)),
                List.of(a));
        assertGradients("concatRows, b only", projected(3, (tape, in) -> tape.concatRows(fixed, in.get(0))),
                List.of(b));
        assertNull(fixed.grad());
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void concatCols(int batch) {
        SplittableRandom random = new SplittableRandom(31);
        Tensor a = trainable(3, 2, batch, random);
        Tensor b = trainable(3, 1, batch, random);
        assertGradients("concatCols", projected(1, (tape, in) -> tape.concatCols(in.get(0), in.get(1))),
                List.of(a, b));
        Tensor fixed = constant(3, 2, batch, random);
        assertGradients("concatCols, a only", projected(2, (tape, in) -> tape.concatCols(in.get(0), fixed)),
                List.of(a));
        assertGradients("concatCols, b only", projected(3, (tape, in) -> tape.concatCols(fixed, in.get(0))),
                List.of(b));
        assertNull(fixed.grad());
    }

    @Test
    void stackBatches() {
        SplittableRandom random = new SplittableRandom(36);
        Tensor a = trainable(3, 2, 2, random);
        Tensor b = trainable(3, 2, 1, random);
        Tensor fixed = constant(3, 2, 3, random);
        assertGradients("stackBatches", projected(1, (tape, in) -> tape.stackBatches(List.of(in.get(0), fixed, in.get(1)))),
                List.of(a, b));
        assertNull(fixed.grad());
        Tensor stacked = Tape.forInference().stackBatches(List.of(a, fixed, b));
        assertEquals(6, stacked.batch());
        assertEquals(a.get(1, 2, 1), stacked.get(1, 2, 1), 0.0);
        assertEquals(fixed.get(2, 0, 1), stacked.get(4, 0, 1), 0.0);
        assertEquals(b.get(0, 1, 0), stacked.get(5, 1, 0), 0.0);
    }

    /**
     * f(a) = sum(detach(a) ∘ a) has the gradient detach(a) = a, where without the detach it would be
     * 2a: the detached factor is a constant to the backward pass.
     */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void detachPassesNoGradient(int batch) {
        Tensor a = trainable(ROWS, COLS, batch, new SplittableRandom(37));
        if (a instanceof Parameter p) {
            p.zeroGrad();
        } else {
            a.grad = null;
        }
        Tape tape = Tape.forTraining();
        Tensor detached = tape.detach(a);
        assertTrue(!detached.requiresGrad());
        tape.backward(tape.sum(tape.hadamard(detached, a)));
        for (int e = 0; e < a.size(); e++) {
            assertEquals(a.data()[e], a.grad().data[e], 0.0, "entry " + e);
        }
        // A chain cut in the middle: only the part after the cut reaches the parameter.
        Parameter w = parameter("w", ROWS, ROWS, new SplittableRandom(38));
        Tensor x = constant(ROWS, COLS, batch, new SplittableRandom(39));
        w.zeroGrad();
        Tape cut = Tape.forTraining();
        Tensor inner = cut.matmul(w, x);
        cut.backward(cut.sum(cut.matmul(w, cut.detach(inner))));
        double[] expected = new double[ROWS * ROWS];
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < COLS; c++) {
                for (int j = 0; j < ROWS; j++) {
                    double value = inner.get(s, j, c);
                    for (int i = 0; i < ROWS; i++) {
                        expected[j * ROWS + i] += value; // d/dw_ij of Σ (w·h)_ic = h_jc
                    }
                }
            }
        }
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], w.grad().data[e], 1e-12, "entry " + e);
        }
    }

    // ---- normalisation and reductions -----------------------------------------------------------

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void softmaxColumns(int batch) {
        Tensor a = trainable(4, 3, batch, new SplittableRandom(32));
        // Spread the logits so the probabilities are far from uniform.
        for (int e = 0; e < a.data().length; e++) {
            a.data()[e] *= 3;
        }
        assertGradients("softmax", projected(1, (tape, in) -> tape.softmaxColumns(in.get(0))), List.of(a));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void sum(int batch) {
        Tensor a = trainable(ROWS, COLS, batch, new SplittableRandom(33));
        assertGradients("sum", (tape, in) -> tape.sum(in.get(0)), List.of(a));
        // And through a nonlinearity, so the gradient is not constant.
        assertGradients("sum of squares", (tape, in) -> tape.sum(tape.map(in.get(0), Elementwise.SQUARE)), List.of(a));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void squaredError(int batch) {
        SplittableRandom random = new SplittableRandom(34);
        Tensor prediction = trainable(ROWS, COLS, batch, random);
        Tensor target = constant(ROWS, COLS, batch, random);
        assertGradients("squaredError", (tape, in) -> tape.squaredError(in.get(0), target), List.of(prediction));
        assertNull(target.grad());

        // Through a shared parameter, so the 1/B batch average meets a broadcast operand.
        Parameter w = parameter("w", ROWS, ROWS, random);
        Tensor x = constant(ROWS, COLS, batch, random);
        assertGradients("squaredError of w·x", (tape, in) -> tape.squaredError(tape.matmul(in.get(0), x), target),
                List.of(w));
    }

    /** A prediction of m stacked batches against one target scores each, the loss being their mean. */
    @Test
    void stackedPredictionsAreScoredAgainstTheSameTarget() {
        SplittableRandom random = new SplittableRandom(40);
        Tensor first = constant(ROWS, COLS, 2, random);
        Tensor second = constant(ROWS, COLS, 2, random);
        Tensor target = constant(ROWS, COLS, 2, random);
        Tape tape = Tape.forInference();
        double mean = (tape.squaredError(first, target).data()[0] + tape.squaredError(second, target).data()[0]) / 2;
        assertEquals(mean, tape.squaredError(tape.stackBatches(List.of(first, second)), target).data()[0], 1e-12);
        Tensor stacked = trainable(ROWS, COLS, 4, random);
        assertGradients("squaredError of stacked", (t, in) -> t.squaredError(in.get(0), target), List.of(stacked));

        int[] classes = {0, 2, -1, 1, 1, 0, 2, 2};
        double ceMean = (tape.crossEntropy(first, classes).data()[0] + tape.crossEntropy(second, classes).data()[0]) / 2;
        assertEquals(ceMean, tape.crossEntropy(tape.stackBatches(List.of(first, second)), classes).data()[0], 1e-12);
        assertGradients("crossEntropy of stacked", (t, in) -> t.crossEntropy(in.get(0), classes), List.of(stacked));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void crossEntropy(int batch) {
        SplittableRandom random = new SplittableRandom(35);
        int classes = 4;
        int cols = 3;
        Tensor logits = trainable(classes, cols, batch, random);
        int[] targets = new int[cols * batch];
        for (int c = 0; c < targets.length; c++) {
            targets[c] = random.nextInt(classes);
        }
        targets[1] = -1; // column 1 of matrix 0 is left out
        assertGradients("crossEntropy", (tape, in) -> tape.crossEntropy(in.get(0), targets), List.of(logits));
        for (int r = 0; r < classes; r++) {
            assertEquals(0.0, logits.grad().data[logits.index(0, r, 1)], 0.0, "ignored column got a gradient");
        }

        // The value: mean over the batch of the summed -log p(target) of the kept columns.
        double expected = 0;
        for (int c = 0; c < targets.length; c++) {
            if (targets[c] < 0) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < classes; r++) {
                max = Math.max(max, logits.data()[c * classes + r]);
            }
            double total = 0;
            for (int r = 0; r < classes; r++) {
                total += Math.exp(logits.data()[c * classes + r] - max);
            }
            expected -= logits.data()[c * classes + targets[c]] - max - Math.log(total);
        }
        expected /= batch;
        assertEquals(expected, Tape.forInference().crossEntropy(logits, targets).data()[0], 1e-12);

        // Through a parameter, with the logits of a batched constant input.
        Parameter w = parameter("w", classes, 2, random);
        Tensor x = constant(2, cols, batch, random);
        assertGradients("crossEntropy of w·x", (tape, in) -> tape.crossEntropy(tape.matmul(in.get(0), x), targets),
                List.of(w));
        assertTrue(w.grad().data.length == classes * 2);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void crossEntropyPerToken(int batch) {
        SplittableRandom random = new SplittableRandom(36);
        int classes = 4;
        int cols = 3;
        Tensor logits = trainable(classes, cols, batch, random);
        int[] targets = new int[cols * batch];
        for (int c = 0; c < targets.length; c++) {
            targets[c] = c % 2 == 1 ? -1 : random.nextInt(classes);
        }
        assertGradients("crossEntropyPerToken", (tape, in) -> tape.crossEntropyPerToken(in.get(0), targets),
                List.of(logits));
        int supervised = (targets.length + 1) / 2;
        // The same sum as crossEntropy, divided by the supervised tokens instead of the batch.
        double perBatch = Tape.forInference().crossEntropy(logits, targets).data()[0];
        assertEquals(perBatch * batch / supervised,
                Tape.forInference().crossEntropyPerToken(logits, targets).data()[0], 1e-14);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void squaredErrorPerToken(int batch) {
        SplittableRandom random = new SplittableRandom(37);
        Tensor prediction = trainable(ROWS, COLS, batch, random);
        Tensor target = constant(ROWS, COLS, batch, random);
        boolean[] supervised = new boolean[COLS * batch];
        int count = 0;
        for (int c = 0; c < supervised.length; c++) {
            supervised[c] = c % 3 != 2;
            count += supervised[c] ? 1 : 0;
        }
        assertGradients("squaredErrorPerToken",
                (tape, in) -> tape.squaredErrorPerToken(in.get(0), target, supervised), List.of(prediction));
        double expected = 0;
        for (int c = 0; c < supervised.length; c++) {
            for (int r = 0; supervised[c] && r < ROWS; r++) {
                double d = prediction.data()[c * ROWS + r] - target.data()[c * ROWS + r];
                expected += d * d;
            }
        }
        assertEquals(expected / count,
                Tape.forInference().squaredErrorPerToken(prediction, target, supervised).data()[0], 1e-14);
        // Unsupervised columns get exactly zero gradient.
        for (int c = 0; c < supervised.length; c++) {
            for (int r = 0; !supervised[c] && r < ROWS; r++) {
                assertEquals(0.0, prediction.grad().data[c * ROWS + r], 0.0);
            }
        }
    }

    @Test
    void perTokenLossesWeighEveryTokenOfUnequalSequencesAlike() {
        // Sequence 0 has one supervised token, sequence 1 (padded to the same width) has three.
        int classes = 3;
        double[] data = new double[classes * 3 * 2];
        SplittableRandom random = new SplittableRandom(38);
        for (int e = 0; e < data.length; e++) {
            data[e] = random.nextDouble(-2, 2);
        }
        Tensor logits = Tensor.wrap(classes, 3, 2, data);
        int[] targets = {2, -1, -1, 0, 1, 2};
        double[] token = new double[6];
        double sum = 0;
        for (int c = 0; c < 6; c++) {
            if (targets[c] >= 0) {
                double[] column = java.util.Arrays.copyOfRange(data, c * classes, (c + 1) * classes);
                token[c] = Tape.forInference().crossEntropy(Tensor.wrap(classes, 1, 1, column), new int[] {targets[c]})
                        .data()[0];
                sum += token[c];
            }
        }
        assertEquals(sum / 4, Tape.forInference().crossEntropyPerToken(logits, targets).data()[0], 1e-14);
        assertEquals(sum / 2, Tape.forInference().crossEntropy(logits, targets).data()[0], 1e-14);
        // No supervised token: 0, not NaN.
        assertEquals(0.0, Tape.forInference().crossEntropyPerToken(logits, new int[] {-1, -1, -1, -1, -1, -1})
                .data()[0], 0.0);
    }

    @Test
    void stackedPredictionsAreEachScoredAgainstTheTarget() {
        // A prediction of batch 2·B holds two predictions of the same B prompts: the loss is their mean.
        SplittableRandom random = new SplittableRandom(41);
        int batch = 2;
        int classes = 3;
        Tensor stacked = leaf(classes, COLS, 2 * batch, random);
        Tensor first = Tensor.wrap(classes, COLS, batch,
                java.util.Arrays.copyOfRange(stacked.data(), 0, classes * COLS * batch));
        Tensor second = Tensor.wrap(classes, COLS, batch,
                java.util.Arrays.copyOfRange(stacked.data(), classes * COLS * batch, 2 * classes * COLS * batch));
        Tensor target = constant(classes, COLS, batch, random);
        int[] classesOf = new int[COLS * batch];
        boolean[] supervised = new boolean[COLS * batch];
        for (int c = 0; c < classesOf.length; c++) {
            classesOf[c] = c % 3 == 0 ? -1 : random.nextInt(classes);
            supervised[c] = classesOf[c] >= 0;
        }
        List<BiFunction<Tape, Tensor, Tensor>> losses = List.of(
                (tape, x) -> tape.squaredError(x, target),
                (tape, x) -> tape.squaredErrorPerToken(x, target, supervised),
                (tape, x) -> tape.crossEntropy(x, classesOf),
                (tape, x) -> tape.crossEntropyPerToken(x, classesOf));
        for (int i = 0; i < losses.size(); i++) {
            BiFunction<Tape, Tensor, Tensor> loss = losses.get(i);
            double mean = (loss.apply(Tape.forInference(), first).data()[0]
                    + loss.apply(Tape.forInference(), second).data()[0]) / 2;
            assertEquals(mean, loss.apply(Tape.forInference(), stacked).data()[0], 1e-14, "loss " + i);
            assertGradients("stacked loss " + i, (tape, in) -> loss.apply(tape, in.get(0)), List.of(stacked));
        }
    }
}
