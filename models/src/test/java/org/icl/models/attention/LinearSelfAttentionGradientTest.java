package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the tape's gradients of V and W through linear self-attention against central finite differences. */
class LinearSelfAttentionGradientTest {

    private static final int DIM = 4;
    private static final int LENGTH = 6;
    private static final int BATCH = 3;
    private static final int N = 5;
    private static final double H = 1e-4;

    @ParameterizedTest(name = "causal={0}, first={1}")
    @CsvSource({"true, 0", "true, 3", "false, 0", "false, 2", "true, 5"})
    void gradientsOfVAndWMatchCentralDifferences(boolean causal, int first) {
        LinearSelfAttention model = AttentionFixtures.model(DIM, N, 0.3, causal, 101);
        Tensor z = AttentionFixtures.randomInput(DIM, LENGTH, BATCH, 202);
        Tensor target = AttentionFixtures.randomInput(DIM, LENGTH - first, BATCH, 303);

        Tape tape = Tape.forTraining();
        model.parameters().forEach(Parameter::zeroGrad);
        tape.backward(tape.squaredError(model.forward(tape, z, first), target));
        tape.reset();

        for (Parameter p : model.parameters()) {
            double[] analytic = p.grad().data.clone();
            double[] numeric = new double[analytic.length];
            double[] theta = p.data();
            for (int i = 0; i < theta.length; i++) {
                double saved = theta[i];
                theta[i] = saved + H;
                double up = loss(model, z, first, target);
                theta[i] = saved - H;
                double down = loss(model, z, first, target);
                theta[i] = saved;
                numeric[i] = (up - down) / (2 * H);
            }
            /*
             * Norm-wise relative error ||g_fd − g_tape|| / ||g_tape||. The output is linear in V for
             * fixed W and linear in W for fixed V, so the squared-error loss is an exact quadratic in
             * any single entry and the central difference has no truncation error at all: only the
             * rounding of the two losses remains, about ε·|L|/H ≈ 1e-16·10/1e-4 = 1e-11 per entry
             * against gradient norms of order 1–10, i.e. near 1e-11 relative. A wrong transpose, a
             * missing mask term in the backward pass or a dropped batch member gives O(1) relative
             * error, so 1e-6 separates the two by orders of magnitude. The norm-wise form, unlike an
             * entry-wise ratio, is not blown up by entries whose gradient happens to be near zero.
             */
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < analytic.length; i++) {
                diff += (numeric[i] - analytic[i]) * (numeric[i] - analytic[i]);
                norm += analytic[i] * analytic[i];
            }
            double relative = Math.sqrt(diff / norm);
            assertTrue(norm > 1e-6, p.name() + " gradient is (near) zero, the check would be vacuous");
            assertTrue(relative < 1e-6, p.name() + ": relative error " + relative);
        }
    }

    private static double loss(LinearSelfAttention model, Tensor z, int first, Tensor target) {
        Tape tape = Tape.forInference();
        return tape.squaredError(model.forward(tape, z, first), target).data()[0];
    }
}
