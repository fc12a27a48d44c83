package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.autodiff.Tensor;
import org.icl.models.ModelGradients;
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

        double[] errors = ModelGradients.relativeErrors(model, z, first, target, H);
        for (int k = 0; k < errors.length; k++) {
            /*
             * The output is linear in V for fixed W and linear in W for fixed V, so the squared-error
             * loss is an exact quadratic in any single entry and the central difference has no
             * truncation error at all: only the rounding of the two losses remains, about
             * ε·|L|/H ≈ 1e-16·10/1e-4 = 1e-11 per entry against gradient norms of order 1–10, i.e.
             * near 1e-11 relative. A wrong transpose, a missing mask term in the backward pass or a
             * dropped batch member gives O(1) relative error, so 1e-6 separates the two by orders of
             * magnitude.
             */
            assertTrue(errors[k] < 1e-6, model.parameters().get(k).name() + ": relative error " + errors[k]);
        }
    }
}
