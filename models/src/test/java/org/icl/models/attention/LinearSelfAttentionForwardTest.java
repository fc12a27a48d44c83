package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the forward pass of linear self-attention against a naive loop implementation of f(Z) = Z + V Z · M∘(Zᵀ W Z)/n. */
class LinearSelfAttentionForwardTest {

    private static final int DIM = 5;
    private static final int LENGTH = 7;
    private static final int BATCH = 3;
    private static final int N = 4;
    /*
     * Entries are O(1) (inputs N(0,1), V and W entries N(0, 0.3²)) and each output is a sum of
     * about LENGTH·DIM² = 175 products, so rounding differences between the tape's blocked products
     * and the naive loops stay near 175·1e-16 ≈ 2e-14: 1e-12 leaves ample room yet would catch any
     * wrong index, missing term or wrong normaliser.
     */
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void forwardEqualsTheNaiveFormula(boolean causal) {
        LinearSelfAttention model = AttentionFixtures.model(DIM, N, 0.3, causal, 17);
        Tensor z = AttentionFixtures.randomInput(DIM, LENGTH, BATCH, 23);
        Parameter v = model.parameter("V").orElseThrow();
        Parameter w = model.parameter("W").orElseThrow();

        Tensor out = model.forward(Tape.forInference(), z);
        double[][][] expected = AttentionFixtures.naive(z, v, w, N, causal);

        assertEquals(DIM, out.rows());
        assertEquals(LENGTH, out.cols());
        assertEquals(BATCH, out.batch());
        assertMatches(expected, 0, out);
    }

    @Test
    void causalAndNonCausalDifferExceptInTheLastColumn() {
        // Guards the non-causal test against a mask that is silently ignored (or always applied):
        // only the last column sees all keys in both modes.
        LinearSelfAttention causal = AttentionFixtures.model(DIM, N, 0.3, true, 17);
        LinearSelfAttention full = AttentionFixtures.model(DIM, N, 0.3, false, 17);
        Tensor z = AttentionFixtures.randomInput(DIM, LENGTH, BATCH, 23);
        Tensor a = causal.forward(Tape.forInference(), z);
        Tensor b = full.forward(Tape.forInference(), z);
        for (int batch = 0; batch < BATCH; batch++) {
            for (int t = 0; t < LENGTH; t++) {
                double gap = 0;
                for (int r = 0; r < DIM; r++) {
                    gap = Math.max(gap, Math.abs(a.get(batch, r, t) - b.get(batch, r, t)));
                }
                if (t == LENGTH - 1) {
                    assertEquals(0, gap, TOLERANCE, "last column, batch " + batch);
                } else {
                    assertTrue(gap > 1e-6, "column " + t + " of batch " + batch + " ignores the mask");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void partialForwardEqualsTheTrailingColumnsOfTheFullForward(boolean causal) {
        LinearSelfAttention model = AttentionFixtures.model(DIM, N, 0.3, causal, 5);
        Tensor z = AttentionFixtures.randomInput(DIM, LENGTH, BATCH, 6);
        Tensor full = model.forward(Tape.forInference(), z);
        double[][][] expected = AttentionFixtures.naive(z, model.parameter("V").orElseThrow(),
                model.parameter("W").orElseThrow(), N, causal);
        for (int first : new int[] {0, 1, 3, LENGTH - 2, LENGTH - 1}) {
            // A training tape too: recording must not change values.
            for (Tape tape : new Tape[] {Tape.forInference(), Tape.forTraining()}) {
                Tensor part = model.forward(tape, z, first);
                assertEquals(LENGTH - first, part.cols(), "columns for first = " + first);
                assertEquals(DIM, part.rows());
                assertEquals(BATCH, part.batch());
                for (int b = 0; b < BATCH; b++) {
                    for (int c = 0; c < part.cols(); c++) {
                        for (int r = 0; r < DIM; r++) {
                            assertEquals(full.get(b, r, first + c), part.get(b, r, c), TOLERANCE,
                                    "first " + first + ", batch " + b + ", entry (" + r + ", " + (first + c) + ")");
                        }
                    }
                }
                assertMatches(expected, first, part);
            }
        }
    }

    private static void assertMatches(double[][][] expected, int first, Tensor out) {
        for (int b = 0; b < out.batch(); b++) {
            for (int c = 0; c < out.cols(); c++) {
                for (int r = 0; r < out.rows(); r++) {
                    assertEquals(expected[b][r][first + c], out.get(b, r, c), TOLERANCE,
                            "batch " + b + ", entry (" + r + ", " + (first + c) + ")");
                }
            }
        }
    }
}
