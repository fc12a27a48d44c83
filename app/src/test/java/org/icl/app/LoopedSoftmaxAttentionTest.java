package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The looped model wraps any registered model: here softmax-attention, its block completed from its own defaults. */
class LoopedSoftmaxAttentionTest {

    @TempDir
    Path work;

    @Test
    void loopsASoftmaxAttentionLayer() throws IOException {
        Path config = Cli.write(work, "looped-softmax.conf", """
                seed = 5
                task { type = weight-prediction, d = 3, n = 6, k = 3, cot = false, eval-prompts = 300, eval-chunk = 300 }
                model { type = looped, loops = 2, layer { type = softmax-attention, train-value = true, value-init = gaussian } }
                trainer { type = adam, steps = 150, batch-size = 64, eval-every = 0, monitor-prompts = 100 }
                """);
        Path run = work.resolve("run");
        Cli.Result result = Cli.run("train", config.toString(), "-o", run.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());
        Config resolved = ConfigFactory.parseFile(run.resolve("config.conf").toFile());
        assertEquals("softmax-attention", resolved.getString("model.layer.type"));
        assertTrue(resolved.hasPath("model.layer.heads"), "the layer's own defaults are filled in: " + resolved.getConfig("model.layer"));
        JsonNode json = new ObjectMapper().readTree(run.resolve("result.json").toFile());
        double eval = json.path("metrics").path("eval_loss").asDouble();
        double zero = json.path("theory").path("zero_predictor").asDouble();
        // Measured with this seed: 1.57 against the zero predictor's 3.22 (one softmax layer alone: 1.90).
        assertTrue(eval < 0.75 * zero, "eval loss " + eval + " vs zero predictor " + zero);
    }
}
