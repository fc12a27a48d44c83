package org.icl.models.softmax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The softmax-attention factory: defaults, which matrices train, initialisation, and settings errors naming their key. */
class SoftmaxAttentionFactoryTest {

    private static final SoftmaxAttentionFactory FACTORY = new SoftmaxAttentionFactory();

    private static List<String> names(Model model) {
        return model.parameters().stream().map(Parameter::name).toList();
    }

    @Test
    void defaultsTrainTheKeyQueryFromZeroAndTheReadout() {
        Model tokens = FACTORY.create(SoftmaxFixtures.settings(""), new TaskShape(6, 10, 6, 10), 1);
        assertEquals(List.of("KQ1"), names(tokens));
        Model logits = FACTORY.create(SoftmaxFixtures.settings(""), new TaskShape(6, 10, 9, 10), 1);
        assertEquals(List.of("KQ1", "R"), names(logits));
        Model always = FACTORY.create(SoftmaxFixtures.settings("readout = always"), new TaskShape(6, 10, 6, 10), 1);
        assertEquals(List.of("KQ1", "R"), names(always));
        Parameter readout = logits.parameter("R").orElseThrow();
        assertEquals(9, readout.rows());
        assertEquals(6, readout.cols());
        for (Parameter p : logits.parameters()) {
            assertTrue(java.util.Arrays.stream(p.data()).allMatch(x -> x == 0), p.name() + " starts at zero");
        }
    }

    @Test
    void zeroKeyQueryAndIdentityValueAverageTheVisibleTokens() {
        // With A = 0 every query attends uniformly to its prefix; V = I copies the mean into the residual.
        Model model = FACTORY.create(SoftmaxFixtures.settings(""), new TaskShape(3, 5, 3, 5), 9);
        Tensor z = SoftmaxFixtures.randomInput(3, 5, 2, 4);
        Tensor out = model.forward(Tape.forInference(), z);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 5; t++) {
                for (int r = 0; r < 3; r++) {
                    double mean = 0;
                    for (int s = 0; s <= t; s++) {
                        mean += z.get(b, r, s) / (t + 1);
                    }
                    assertEquals(z.get(b, r, t) + mean, out.get(b, r, t), 1e-15);
                }
            }
        }
    }

    @Test
    void everyOptionalPartListsItsParametersInOrder() {
        Model model = FACTORY.create(SoftmaxFixtures.settings(
                "heads = 2, train-value = true, positions = learned, layer-norm = true, mlp-width = 7"),
                new TaskShape(4, 8, 3, 8), 2);
        assertEquals(List.of("KQ1", "KQ2", "V1", "V2", "R", "P", "norm1-gain", "norm1-bias",
                "norm2-gain", "norm2-bias", "W1", "b1", "W2", "b2"), names(model));
        Parameter w1 = model.parameter("W1").orElseThrow();
        assertEquals(7, w1.rows());
        assertEquals(4, w1.cols());
        assertEquals(4, model.parameter("P").orElseThrow().rows());
        assertEquals(8, model.parameter("P").orElseThrow().cols());
        assertTrue(java.util.Arrays.stream(model.parameter("norm1-gain").orElseThrow().data()).allMatch(x -> x == 1));
        assertTrue(java.util.Arrays.stream(model.parameter("W2").orElseThrow().data()).allMatch(x -> x == 0));
        assertFalse(java.util.Arrays.stream(w1.data()).allMatch(x -> x == 0));
    }

    @Test
    void oneHotPositionsWidenTheStream() {
        Model model = FACTORY.create(SoftmaxFixtures.settings("positions = one-hot, train-value = true"),
                new TaskShape(4, 6, 2, 6), 2);
        for (String name : List.of("KQ1", "V1")) {
            assertEquals(10, model.parameter(name).orElseThrow().rows());
            assertEquals(10, model.parameter(name).orElseThrow().cols());
        }
        assertEquals(10, model.parameter("R").orElseThrow().cols());
        // Longer sequences than the task announced have no position: an error, not a silent wrap.
        Tensor tooLong = SoftmaxFixtures.randomInput(4, 7, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> model.forward(Tape.forInference(), tooLong));
    }

    @Test
    void frozenMatricesAreNotParametersAndKeepTheirStart() {
        SoftmaxAttention model = SoftmaxFixtures.model(new TaskShape(3, 4, 2, 4),
                "train-key-query = false, key-query-init = identity, value-init = gaussian, init-scale = 0.5,"
                        + " train-readout = false, readout-init = identity", 5);
        assertEquals(List.of(), names(model));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, model.keyQuery(0).data(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, model.readout().data(), 0.0);
        assertFalse(model.value(0).requiresGrad());
        assertTrue(java.util.Arrays.stream(model.value(0).data()).anyMatch(x -> x != 0));
    }

    @Test
    void theSeedDeterminesTheInitialisation() {
        String gaussian = "key-query-init = gaussian, heads = 2";
        TaskShape shape = new TaskShape(5, 6, 5, 3);
        Model a = FACTORY.create(SoftmaxFixtures.settings(gaussian), shape, 77);
        Model b = FACTORY.create(SoftmaxFixtures.settings(gaussian), shape, 77);
        Model c = FACTORY.create(SoftmaxFixtures.settings(gaussian), shape, 78);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.parameters().get(i).data(), b.parameters().get(i).data(), 0.0);
            assertFalse(java.util.Arrays.equals(a.parameters().get(i).data(), c.parameters().get(i).data()));
        }
        assertFalse(java.util.Arrays.equals(a.parameters().get(0).data(), a.parameters().get(1).data()),
                "the heads start alike");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "heads = 0 | model.heads",
        "score-scale = 0 | model.score-scale",
        "init-scale = -1 | model.init-scale",
        "key-query-init = ones | model.key-query-init",
        "value-init = 3 | model.value-init",
        "positions = sinusoidal | model.positions",
        "readout = never | model.readout",
        "mlp-width = -2 | model.mlp-width",
        "layer-norm-epsilon = 0 | model.layer-norm-epsilon",
        "train-value = maybe | model.train-value"})
    void badSettingsAreRejectedNamingTheKey(String setting, String key) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> FACTORY.create(SoftmaxFixtures.settings(setting), new TaskShape(4, 5, 4, 5), 1));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
