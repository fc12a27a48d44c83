package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.RowSupport;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused kernel where the generic tests do not reach: inputs that announce a row support, and
 * inputs that are themselves trained (a stacked model).
 */
class CausalLinearAttentionTest {

    private static final int DIM = 6;
    private static final int N = 4;
    private static final int LENGTH = 7;
    private static final int BATCH = 5;
    private static final int FIRST = 3;

    /** Columns 0..3 use rows 0..2 (data), columns 4.. use rows 3..5 (CoT-like), as a task would announce. */
    private static final RowSupport SUPPORT = new RowSupport(List.of(new RowSupport.Segment(0, 0, 3), new RowSupport.Segment(4, 3, 6)));

    /** First query 3 takes the prefix-sum form, the last column alone the score form (fewer multiply-adds for one query). */
    @ParameterizedTest
    @ValueSource(ints = {FIRST, LENGTH - 1})
    void aSupportedInputGivesTheDenseResultsAndTheNaiveForward(int first) {
        LinearSelfAttention model = AttentionFixtures.model(DIM, N, 0.3, true, 31);
        double[] data = structuredInput(41);
        Tensor dense = Tensor.wrap(DIM, LENGTH, BATCH, data);
        Tensor supported = Tensor.wrap(DIM, LENGTH, BATCH, data.clone(), SUPPORT);
        Tensor target = AttentionFixtures.randomInput(DIM, LENGTH - first, BATCH, 43);

        double[][] denseGrads = gradients(model, dense, target, first);
        Tensor denseOut = model.forward(Tape.forInference(), dense, first);
        double[][] supportedGrads = gradients(model, supported, target, first);
        Tensor supportedOut = model.forward(Tape.forInference(), supported, first);

        double[][][] naive = AttentionFixtures.naive(dense, model.parameter("V").orElseThrow(), model.parameter("W").orElseThrow(), N, true);
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < LENGTH - first; c++) {
                for (int r = 0; r < DIM; r++) {
                    // Sums of about LENGTH·DIM² O(1) products: rounding near 1e-14.
                    assertEquals(naive[b][r][first + c], denseOut.get(b, r, c), 1e-12, "dense, batch " + b);
                    assertEquals(naive[b][r][first + c], supportedOut.get(b, r, c), 1e-12, "supported, batch " + b);
                }
            }
        }
        for (int p = 0; p < denseGrads.length; p++) {
            assertTrue(relativeDifference(denseGrads[p], supportedGrads[p]) < 1e-13, "gradient " + p);
        }
    }

    @Test
    void theGradientOfATrainedInputMatchesCentralDifferences() {
        // z = X + P with P a trained D×T matrix added to every prompt: dL/dP is the batch sum of dL/dz.
        LinearSelfAttention model = AttentionFixtures.model(DIM, N, 0.3, true, 51);
        Tensor x = AttentionFixtures.randomInput(DIM, LENGTH, 3, 52);
        Tensor target = AttentionFixtures.randomInput(DIM, LENGTH - FIRST, 3, 53);
        Parameter shift = new Parameter("P", DIM, LENGTH);
        SplittableRandom random = new SplittableRandom(54);
        for (int i = 0; i < shift.data().length; i++) {
            shift.data()[i] = 0.5 * random.nextGaussian();
        }
        Tape tape = Tape.forTraining();
        model.parameters().forEach(Parameter::zeroGrad);
        shift.zeroGrad();
        tape.backward(tape.squaredError(model.forward(tape, tape.add(x, shift), FIRST), target));
        double[] analytic = shift.grad().data.clone();
        double[] numeric = new double[analytic.length];
        double step = 1e-5;
        for (int i = 0; i < analytic.length; i++) {
            double saved = shift.data()[i];
            shift.data()[i] = saved + step;
            double up = loss(model, x, shift, target);
            shift.data()[i] = saved - step;
            double down = loss(model, x, shift, target);
            shift.data()[i] = saved;
            numeric[i] = (up - down) / (2 * step);
        }
        /*
         * The loss is a polynomial of degree 6 in P, so the central difference carries a truncation
         * error of order step²·(third derivative) ≈ 1e-10·O(10) beside rounding ε·|L|/step ≈ 1e-10:
         * about 1e-9 relative to gradients of order 1–10. A wrong or missing term of dz is O(1).
         */
        assertTrue(relativeDifference(analytic, numeric) < 1e-6, "relative error " + relativeDifference(analytic, numeric));
    }

    private static double loss(LinearSelfAttention model, Tensor x, Parameter shift, Tensor target) {
        Tape tape = Tape.forInference();
        return tape.squaredError(model.forward(tape, tape.add(x, shift), FIRST), target).data()[0];
    }

    /** Gaussian entries inside SUPPORT, zeros outside. */
    private static double[] structuredInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] data = new double[DIM * LENGTH * BATCH];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < LENGTH; t++) {
                int from = t < 4 ? 0 : 3;
                for (int r = from; r < from + 3; r++) {
                    data[(b * LENGTH + t) * DIM + r] = random.nextGaussian();
                }
            }
        }
        return data;
    }

    private static double[][] gradients(LinearSelfAttention model, Tensor z, Tensor target, int first) {
        Tape tape = Tape.forTraining();
        model.parameters().forEach(Parameter::zeroGrad);
        tape.backward(tape.squaredError(model.forward(tape, z, first), target));
        return model.parameters().stream().map(p -> p.grad().data.clone()).toArray(double[][]::new);
    }

    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
