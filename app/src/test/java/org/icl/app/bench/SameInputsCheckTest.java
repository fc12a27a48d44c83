package org.icl.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunPlan;
import org.icl.app.wiring.PluginCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same-inputs check without Python: a peer written in Java reads the check's file the way the PyTorch
 * peers do (the recorded draws, each parameter as rows), rebuilds the prompts by replaying the draws through
 * our own task on a fresh model, and answers loss and gradients. An exact peer must agree to the last bit (so
 * the file holds every draw the task took, in order, and the parameters unmangled); a peer off by 1e-6 in one
 * gradient must fail the 1e-9 bound by that much.
 */
class SameInputsCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 6;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "task { type = tree-path, depth = 2, vocabulary = 9, eval-trees = 1 }, model { type = softmax-attention,"
            + " key-query-init = gaussian, readout-init = gaussian, init-scale = 0.3 }",
        "task { type = weight-prediction, d = 3, n = 5, k = 4, eval-prompts = 10 }, model { type = linear-attention }"})
    void anExactPeerAgreesAndAnInexactOneFails(String setting) {
        Path file = dir.resolve("check.json");
        RunPlan ours = plan(setting);
        SameInputsCheck.Result exact = SameInputsCheck.run(command -> replay(setting, file, 0), ours.task(), ours.model(),
                BATCH, 3, Map.of("cot", true), file);
        assertEquals(1 + ours.model().parameters().size(), exact.relativeDifferences().size(), "loss and one gradient per parameter");
        assertEquals(0.0, exact.worst(), "the same code on the replayed draws gives the same bits: " + exact.relativeDifferences());
        assertTrue(exact.loss() > 0);

        SameInputsCheck.Result off = SameInputsCheck.run(command -> replay(setting, file, 1e-6), ours.task(), ours.model(),
                BATCH, 3, Map.of(), file);
        assertEquals(1e-6, off.worst(), 2e-7, "one gradient scaled by 1 + 1e-6: " + off.relativeDifferences());
        assertTrue(off.worst() > 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KQ1"})
    void aReplyWithoutAGradientIsAnError(String missing) {
        String setting = "task { type = tree-path, depth = 2, vocabulary = 9, eval-trees = 1 }, model { type = softmax-attention }";
        RunPlan ours = plan(setting);
        Path file = dir.resolve("check.json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SameInputsCheck.run(command -> {
            ObjectNode reply = (ObjectNode) replay(setting, file, 0);
            reply.remove(missing);
            return reply;
        }, ours.task(), ours.model(), BATCH, 3, Map.of(), file));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    /** The Java peer: a fresh plan, parameters from the file's rows, the task fed the file's draws; the first gradient scaled by 1 + error. */
    private static JsonNode replay(String setting, Path file, double error) {
        JsonNode spec;
        try {
            spec = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunPlan theirs = plan(setting);
        for (Parameter p : theirs.model().parameters()) {
            JsonNode rows = spec.get(p.name());
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < p.cols(); c++) {
                    p.set(0, r, c, rows.get(r).get(c).asDouble());
                }
            }
            p.zeroGrad();
        }
        Replayed draws = new Replayed(spec.get("gaussians").iterator(), spec.get("ints").iterator());
        Tape tape = Tape.forTraining();
        Tensor loss = theirs.task().trainingLoss(tape, theirs.model(), draws, spec.get("batch").asInt());
        tape.backward(loss);
        assertTrue(!draws.gaussians.hasNext() && !draws.ints.hasNext(), "the file holds exactly the draws the task takes");
        ObjectNode reply = JSON.createObjectNode();
        reply.put("loss", loss.data()[0]);
        boolean first = true;
        for (Parameter p : theirs.model().parameters()) {
            double[][] rows = new double[p.rows()][p.cols()];
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < p.cols(); c++) {
                    rows[r][c] = p.grad().get(r, c) * (first ? 1 + error : 1);
                }
            }
            first = false;
            reply.set(p.name(), JSON.valueToTree(rows));
        }
        return reply;
    }

    private static RunPlan plan(String setting) {
        ClassLoader loader = SameInputsCheckTest.class.getClassLoader();
        PluginCatalog catalog = PluginCatalog.discover(loader);
        Config config = ConfigFactory.parseString(setting + ", trainer { type = adam }, seed = 5");
        return RunPlan.assemble("check", new RunConfigLoader(ConfigFactory.defaultReference(loader), catalog)
                .complete(List.of(config)), catalog);
    }

    /** Hands out the recorded draws in order, as the peers read them. */
    private static final class Replayed implements RandomGenerator {

        private final Iterator<JsonNode> gaussians;
        private final Iterator<JsonNode> ints;

        Replayed(Iterator<JsonNode> gaussians, Iterator<JsonNode> ints) {
            this.gaussians = gaussians;
            this.ints = ints;
        }

        @Override
        public double nextGaussian() {
            return gaussians.next().asDouble();
        }

        @Override
        public int nextInt(int bound) {
            int value = ints.next().asInt();
            assertTrue(value >= 0 && value < bound, value + " outside [0, " + bound + ")");
            return value;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }
    }
}
