package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code icl-regression} run: baselines beside the model in result.json and the table, and the examples curve written and plotted. */
class InContextRegressionRunTest {

    private static final List<String> BASELINES = List.of("least_squares", "ridge", "averaging", "one_step_gd",
            "k_step_gd", "best_step_gd", "zero_predictor");

    @TempDir
    static Path work;

    static Path run;
    static Cli.Result result;
    static JsonNode content;

    @BeforeAll
    static void train() throws IOException {
        Path config = Cli.write(work, "reg.conf", "seed = 4\n"
                + "task { type = icl-regression, d = 3, n = 6, eval-prompts = 300, eval-chunk = 100, gd-steps = 4 }\n"
                + Cli.TINY_MODEL + "\n" + Cli.TINY_TRAINER + "\n");
        run = work.resolve("run");
        result = Cli.run("train", config.toString(), "-o", run.toString(), "-q");
        content = new ObjectMapper().readTree(run.resolve("result.json").toFile());
    }

    @Test
    void resultListsTheBaselinesBesideTheModelAndTheOneStepOptimumAsReference() {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("one_step_optimum", content.at("/theory/reference").asText());
        // (d+1)/(n+d+1) = 4/10 at d = 3, n = 6.
        assertEquals(0.4, content.at("/theory/one_step_optimum").asDouble(), 1e-15);
        List<String> names = new ArrayList<>();
        content.get("baselines").fieldNames().forEachRemaining(names::add);
        assertEquals(BASELINES, names);
        assertTrue(content.at("/baselines/least_squares/eval_loss").asDouble() < 1e-20);
        double zero = content.at("/baselines/zero_predictor/eval_loss").asDouble();
        assertEquals(content.at("/theory/zero_predictor").asDouble(), zero, 1e-12);
        assertEquals(zero / 0.4, content.at("/baselines/zero_predictor/eval_loss_over_reference").asDouble(), 1e-12);
        for (String name : BASELINES) {
            assertTrue(result.out().lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + "\n" + result.out());
        }
    }

    @Test
    void curveOverTheNumberOfExamplesIsWrittenForTheModelAndEveryBaseline() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("loss-vs-examples.csv"));
        assertEquals("examples,model," + String.join(",", BASELINES), lines.get(0));
        assertEquals(1 + 7, lines.size(), "m = 0..6");
        for (int m = 0; m <= 6; m++) {
            String[] cells = lines.get(1 + m).split(",");
            assertEquals(m, Integer.parseInt(cells[0]));
            double leastSquares = Double.parseDouble(cells[2]);
            assertTrue(m >= 3 ? leastSquares < 1e-20 : leastSquares > 0.05, "least squares at m = " + m + ": " + leastSquares);
            // No examples: every baseline predicts 0, as the zero predictor does.
            if (m == 0) {
                assertEquals(Double.parseDouble(cells[8]), leastSquares, 0.0);
            }
        }
        // The curve's last point is the model on the full prompts: the evaluation itself.
        assertEquals(content.at("/metrics/eval_loss").asDouble(), Double.parseDouble(lines.get(7).split(",")[1]), 0.0);
        assertNotNull(ImageIO.read(run.resolve("loss-vs-examples.png").toFile()));
    }

    @Test
    void evalOfTheFinishedRunScoresTheSameBaselines() {
        Cli.Result eval = Cli.run("eval", run.toString());
        assertEquals(0, eval.exitCode(), eval.toString());
        assertTrue(eval.out().lines().anyMatch(l -> l.startsWith("  best_step_gd ")), eval.out());
    }
}
