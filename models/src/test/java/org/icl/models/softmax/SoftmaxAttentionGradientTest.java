package org.icl.models.softmax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.icl.api.autodiff.Tensor;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tape's gradients of every trained matrix of softmax-attention against central differences, in
 * each configuration of {@link SoftmaxAttentionForwardTest#CONFIGS} (all heads, the causal mask with
 * and without skipped queries, frozen matrices, positions, layer norm, MLP, readout).
 */
class SoftmaxAttentionGradientTest {

    private static final int DIM = SoftmaxAttentionForwardTest.DIM;
    private static final int LENGTH = SoftmaxAttentionForwardTest.LENGTH;
    private static final int BATCH = 2;
    private static final int CLASSES = 4;

    /*
     * Central differences with h = 1e-5 on a smooth loss have truncation error h²·f'''/6 ≈ 1e-11 and
     * rounding error ε·|L|/h ≈ 1e-16·10/1e-5 = 1e-10, against gradients of order 0.1–10: relative errors
     * near 1e-9. A wrong transpose, head, mask or frozen matrix that still gets updated gives O(1), so
     * 1e-6 separates them by orders of magnitude. The ReLU of the MLP is smooth here: with random
     * matrices no pre-activation falls within h of its kink (a kink crossing would show as an O(1) error).
     */
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "config {0}, first {1}, {2}")
    @CsvSource({
        "0, 0, squared", "0, 3, cross-entropy",
        "1, 0, cross-entropy", "1, 2, squared",
        "2, 0, squared", "2, 4, cross-entropy",
        "3, 0, cross-entropy", "3, 1, squared",
        "4, 0, cross-entropy", "4, 3, cross-entropy",
        "5, 0, squared", "5, 2, cross-entropy"})
    void gradientsMatchCentralDifferences(int config, int first, String loss) {
        boolean logits = loss.equals("cross-entropy");
        TaskShape shape = new TaskShape(DIM, LENGTH, logits ? CLASSES : DIM, 4);
        SoftmaxAttention model = SoftmaxFixtures.model(shape, SoftmaxAttentionForwardTest.CONFIGS[config], 3);
        SoftmaxFixtures.randomise(model, 0.7, 5 + config);
        Tensor z = SoftmaxFixtures.randomInput(DIM, LENGTH, BATCH, 17);
        int columns = (LENGTH - first) * BATCH;
        SplittableRandom random = new SplittableRandom(19);
        int[] classes = new int[columns];
        boolean[] supervised = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            classes[c] = c % 3 == 1 ? -1 : random.nextInt(CLASSES);
            supervised[c] = classes[c] >= 0;
        }
        Tensor target = SoftmaxFixtures.randomInput(DIM, LENGTH - first, BATCH, 23);
        double error = SoftmaxFixtures.gradientError(model, (tape, m) -> logits
                ? tape.crossEntropyPerToken(m.forward(tape, z, first), classes)
                : tape.squaredErrorPerToken(m.forward(tape, z, first), target, supervised), 1e-5);
        assertTrue(error < TOLERANCE, "config " + config + ": relative gradient error " + error);
    }
}
