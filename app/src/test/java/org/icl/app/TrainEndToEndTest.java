package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunPlan;
import org.icl.app.wiring.PluginCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code icl train} run end to end: exit code, printed table and every file of the run directory. */
class TrainEndToEndTest {

    private static final int STEPS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path run;
    static Cli.Result result;

    @BeforeAll
    static void train() {
        Path config = Cli.write(work, "tiny.conf", Cli.TINY_RUN);
        run = work.resolve("run");
        result = Cli.run("train", config.toString(), "-o", run.toString(), "-q");
    }

    @Test
    void exitsWithZeroAndPrintsTheResultTable() {
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("eval loss"), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("tiny ")), result.out());
        assertTrue(result.out().contains("results: " + run), result.out());
    }

    @Test
    void metricsCsvHasOneRowPerStepAndEvalLossOnEvaluationSteps() {
        MetricsCsv metrics = MetricsCsv.read(run.resolve("metrics.csv"));
        assertEquals(List.of("step", "train_loss", "eval_loss", "elapsed_seconds"), metrics.header());
        assertEquals(STEPS, metrics.rows().size());
        for (int i = 0; i < STEPS; i++) {
            List<String> row = metrics.rows().get(i);
            int step = i + 1;
            assertEquals(4, row.size(), "row " + row);
            assertEquals(step, Integer.parseInt(row.get(0)));
            assertTrue(Double.isFinite(Double.parseDouble(row.get(1))), "train_loss " + row);
            assertTrue(Double.parseDouble(row.get(3)) >= 0, "elapsed " + row);
            if (step % 10 == 0) {
                double eval = Double.parseDouble(row.get(2));
                assertTrue(Double.isFinite(eval) && eval >= 0, "eval_loss " + row);
            } else {
                assertEquals("", row.get(2), "eval_loss should be empty on step " + step);
            }
        }
    }

    @Test
    void savedConfigLoadsAgainAsAValidRunConfig() {
        Path saved = run.resolve("config.conf");
        assertTrue(Files.isRegularFile(saved));
        ClassLoader loader = getClass().getClassLoader();
        PluginCatalog catalog = PluginCatalog.discover(loader);
        Config complete = new RunConfigLoader(ConfigFactory.defaultReference(loader), catalog)
                .complete(List.of(RunConfigLoader.parseFile(saved)));
        RunPlan plan = RunPlan.assemble("again", complete, catalog);
        assertEquals(5, plan.seed());
        assertEquals(3, complete.getInt("task.d"));
        assertEquals(6, complete.getInt("task.n"));
        assertEquals(STEPS, complete.getInt("trainer.steps"));
        assertEquals(0.01, complete.getDouble("trainer.learning-rate"));
        assertEquals("linear-attention", complete.getString("model.type"));
    }

    @Test
    void savedConfigReproducesTheRun() throws IOException {
        Path again = work.resolve("again");
        Cli.Result second = Cli.run("train", run.resolve("config.conf").toString(), "-o", again.toString(), "-q");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(MetricsCsv.read(run.resolve("metrics.csv")).column("train_loss"),
                MetricsCsv.read(again.resolve("metrics.csv")).column("train_loss"));
        assertEquals(JSON.readTree(run.resolve("parameters.json").toFile()).get("parameters"),
                JSON.readTree(again.resolve("parameters.json").toFile()).get("parameters"));
    }

    @Test
    void parametersJsonHoldsVAndWWithTheirShapes() throws IOException {
        JsonNode file = JSON.readTree(run.resolve("parameters.json").toFile());
        assertEquals("config.conf", file.get("config").asText(), "parameters.json names its config");
        assertEquals("tiny", file.get("run").asText());
        assertEquals(STEPS, file.get("step").asInt());
        JsonNode parameters = file.get("parameters");
        int size = 2 * 3 + 2;
        for (String name : new String[] {"V", "W"}) {
            JsonNode matrix = parameters.get(name);
            assertNotNull(matrix, name + " in " + parameters);
            assertEquals(size, matrix.get("rows").asInt());
            assertEquals(size, matrix.get("cols").asInt());
            assertEquals(size * size, matrix.get("data").size());
        }
    }

    @Test
    void heatmapsAreValidPngs() throws IOException {
        for (String name : new String[] {"heatmap-V.png", "heatmap-W.png"}) {
            Path file = run.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), name);
            assertNotNull(ImageIO.read(file.toFile()), name);
        }
    }

    @Test
    void resultJsonHoldsMetricsTheoryAndMechanism() throws IOException {
        JsonNode json = JSON.readTree(run.resolve("result.json").toFile());
        assertEquals("tiny", json.get("run").asText());
        assertEquals("completed", json.get("status").asText());
        assertTrue(json.get("diverged") == null, json.toString());
        JsonNode evalLoss = json.at("/metrics/eval_loss");
        assertTrue(evalLoss.isNumber() && Double.isFinite(evalLoss.asDouble()) && evalLoss.asDouble() >= 0, json.toString());
        assertEquals(200, json.at("/metrics/eval_prompts").asInt());
        assertEquals(STEPS, json.at("/metrics/steps").asInt());
        assertTrue(json.at("/theory/k_step_gd").isNumber(), json.toString());
        assertTrue(json.at("/theory/one_step_optimum").isNumber(), json.toString());
        // d(d+1)/(n+d+1) at d = 3, n = 6
        assertEquals(12.0 / 10.0, json.at("/theory/one_step_optimum").asDouble(), 1e-12);
        // CoT is on by default, so the k-step GD loss is the reference
        assertEquals("k_step_gd", json.at("/theory/reference").asText());
        assertTrue(json.at("/mechanism/effective_step").isNumber(), json.toString());
        double ratio = json.get("eval_loss_over_reference").asDouble();
        assertEquals(evalLoss.asDouble() / json.at("/theory/k_step_gd").asDouble(), ratio, 1e-12 * Math.abs(ratio));
    }

    @Test
    void resultJsonRecordsProvenance() throws IOException {
        JsonNode provenance = JSON.readTree(run.resolve("result.json").toFile()).get("provenance");
        assertNotNull(provenance);
        assertEquals(BuildInfo.of(getClass().getClassLoader()).version(), provenance.get("framework_version").asText());
        assertTrue(provenance.get("framework_version").asText().matches("\\d+\\.\\d+.*"), provenance.toString());
        // The build writes the commit it was made from: 40 hex digits, or "unknown" outside a git checkout.
        assertTrue(provenance.get("git_commit").asText().matches("[0-9a-f]{40}|unknown"), provenance.toString());
        assertTrue(provenance.get("git_dirty").isBoolean() || provenance.get("git_dirty").isNull(), provenance.toString());
        assertEquals(System.getProperty("java.version"), provenance.get("java_version").asText());
        assertTrue(provenance.get("threads").asInt() >= 1, provenance.toString());
        assertEquals(5, provenance.get("seed").asLong(), "the seed of Cli.TINY_RUN");
        assertEquals("config.conf", provenance.get("config").asText());
    }
}
