package org.icl.models.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward pass of softmax-attention, in every configuration, against a naive loop implementation of its formula. */
class SoftmaxAttentionForwardTest {

    static final int DIM = 5;
    static final int LENGTH = 6;
    static final int BATCH = 3;

    /** Configurations that together switch on every optional part; a readout appears when outputDim ≠ DIM or always in the last. */
    static final String[] CONFIGS = {
        "",
        "heads = 3, train-value = true, value-init = gaussian, score-scale = 0.5",
        "heads = 2, residual = false, positions = one-hot, value-init = gaussian",
        "heads = 2, positions = learned, mlp-width = 4, layer-norm = true, train-value = true",
        "heads = 2, value-init = gaussian, init-scale = 0.5, train-readout = false, readout-init = gaussian",
        "mlp-width = 3, key-query-init = identity, train-key-query = false, score-scale = 2, readout = always",
    };

    /*
     * Entries are O(1) and each output sums a few hundred products and exponentials, so the tape's
     * blocked products and the naive loops differ by rounding only, around 1e-15: 1e-12 leaves room,
     * yet a wrong index, head, mask or normaliser gives O(0.1) errors.
     */
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest(name = "config {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void forwardEqualsTheNaiveFormula(int config) {
        for (int outputs : new int[] {DIM, 4}) {
            TaskShape shape = new TaskShape(DIM, LENGTH + 1, outputs, 4);
            SoftmaxAttention model = SoftmaxFixtures.model(shape, CONFIGS[config], 7);
            SoftmaxFixtures.randomise(model, 0.8, 11);
            Tensor z = SoftmaxFixtures.randomInput(DIM, LENGTH, BATCH, 13);
            for (int first : new int[] {0, 2, LENGTH - 1}) {
                for (Tape tape : new Tape[] {Tape.forInference(), Tape.forTraining()}) {
                    Tensor out = model.forward(tape, z, first);
                    assertEquals(outputs, out.rows());
                    assertEquals(LENGTH - first, out.cols());
                    assertEquals(BATCH, out.batch());
                    for (int b = 0; b < BATCH; b++) {
                        double[][] expected = naive(model, z, b);
                        for (int c = 0; c < out.cols(); c++) {
                            for (int r = 0; r < outputs; r++) {
                                assertEquals(expected[r][first + c], out.get(b, r, c), TOLERANCE,
                                        "config " + config + ", outputs " + outputs + ", first " + first
                                                + ", prompt " + b + ", entry (" + r + ", " + (first + c) + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    /** The naive output of {@code model} on prompt b, reading its matrices (trained or frozen). */
    static double[][] naive(SoftmaxAttention model, Tensor z, int b) {
        SoftmaxAttentionSettings s = model.settings();
        int heads = s.heads();
        Tensor[] kq = new Tensor[heads];
        Tensor[] v = new Tensor[heads];
        for (int h = 0; h < heads; h++) {
            kq[h] = model.keyQuery(h);
            v[h] = model.value(h);
        }
        Tensor[] norm1 = s.layerNorm() ? new Tensor[] {param(model, "norm1-gain"), param(model, "norm1-bias")} : null;
        Tensor[] norm2 = s.layerNorm() && s.mlpWidth() > 0
                ? new Tensor[] {param(model, "norm2-gain"), param(model, "norm2-bias")} : null;
        Tensor[] mlp = s.mlpWidth() > 0
                ? new Tensor[] {param(model, "W1"), param(model, "b1"), param(model, "W2"), param(model, "b2")} : null;
        Tensor positions = s.positions() == PositionEncoding.LEARNED ? param(model, "P") : null;
        int oneHot = s.positions() == PositionEncoding.ONE_HOT ? model.maxLength() : 0;
        return SoftmaxFixtures.naive(z, b, s.scoreScale(), s.residual(), kq, v, model.readout(), positions, oneHot,
                norm1, mlp, norm2, s.layerNormEpsilon());
    }

    private static Tensor param(Model model, String name) {
        return model.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
    }
}
