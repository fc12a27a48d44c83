package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl run STUDY}: every variant gets its directory and a row of the table; a bad variant stops the study before any training. */
class RunStudyTest {

    private static final String BASE = "description = \"tiny CoT against no CoT\"\n"
            + "base {\n"
            + "  seed = 2\n"
            + "  " + Cli.TINY_TASK + "\n"
            + "  " + Cli.TINY_MODEL + "\n"
            + "  " + Cli.TINY_TRAINER + "\n"
            + "}\n";

    @TempDir
    Path dir;

    @Test
    void runsEveryVariantAndPrintsATableOfAll() throws IOException {
        Path study = Cli.write(dir, "tiny-study.conf", BASE
                + "variants = [\n  { name = cot, task.cot = true }\n  { name = no-cot, task.cot = false }\n]\n");
        Path root = dir.resolve("results");
        Cli.Result result = Cli.run("run", study.toString(), "-o", root.toString(), "-q");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("cot ")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("no-cot ")), result.out());
        ObjectMapper json = new ObjectMapper();
        for (String variant : new String[] {"cot", "no-cot"}) {
            Path run = root.resolve(variant);
            for (String file : new String[] {"config.conf", "metrics.csv", "parameters.json", "result.json",
                    "heatmap-V.png", "heatmap-W.png"}) {
                assertTrue(Files.isRegularFile(run.resolve(file)), run.resolve(file) + " missing");
            }
            assertEquals(30, MetricsCsv.read(run.resolve("metrics.csv")).rows().size());
            JsonNode content = json.readTree(run.resolve("result.json").toFile());
            assertEquals(variant, content.get("run").asText());
        }
        // each variant keeps its own setting and the base's sizes
        assertEquals("k_step_gd", json.readTree(root.resolve("cot/result.json").toFile()).at("/theory/reference").asText());
        assertEquals("one_step_optimum",
                json.readTree(root.resolve("no-cot/result.json").toFile()).at("/theory/reference").asText());
        assertTrue(Files.readString(root.resolve("no-cot/config.conf")).contains("cot=false"));
        assertNotNull(ImageIO.read(root.resolve("learning-curves.png").toFile()));
        List<String> summary = Files.readAllLines(root.resolve("summary.csv"));
        assertTrue(summary.get(0).startsWith("trial,variant,seed,state,metrics.eval_loss,"), summary.get(0));
        assertEquals(3, summary.size());
        assertTrue(summary.get(1).startsWith("cot,cot,2,completed,"), summary.get(1));
        double cotLoss = json.readTree(root.resolve("cot/result.json").toFile()).at("/metrics/eval_loss").asDouble();
        assertEquals(cotLoss, Double.parseDouble(summary.get(1).split(",")[4]), 0.0);
        assertTrue(Files.isRegularFile(root.resolve("report.html")));
        // The baselines score the same prompts and land in summary.csv as columns of their own.
        double leastSquares = json.readTree(root.resolve("cot/result.json").toFile())
                .at("/baselines/least_squares/eval_loss").asDouble();
        var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForMapOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<java.util.Map<String, String>>readValues(root.resolve("summary.csv").toFile()).readAll();
        assertEquals(leastSquares, Double.parseDouble(rows.get(0).get("baselines.least_squares.eval_loss")), 0.0);
        assertTrue(leastSquares < 1e-20, "least squares with n = 6 ≥ d = 3 is exact: " + leastSquares);
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("  least_squares ")), result.out());
    }

    @Test
    void overridesApplyToEveryVariant() {
        Path study = Cli.write(dir, "tiny-study.conf", BASE
                + "variants = [\n  { name = a }\n  { name = b, task.k = 2 }\n]\n");
        Path root = dir.resolve("results");
        Cli.Result result = Cli.run("run", study.toString(), "-o", root.toString(), "-q", "--set", "trainer.steps=12");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(12, MetricsCsv.read(root.resolve("a/metrics.csv")).rows().size());
        assertEquals(12, MetricsCsv.read(root.resolve("b/metrics.csv")).rows().size());
    }

    @Test
    void badKeyInALaterVariantFailsBeforeAnyTraining() throws IOException {
        Path study = Cli.write(dir, "bad-study.conf", BASE
                + "variants = [\n  { name = cot, task.cot = true }\n  { name = no-cot, task.etta = 0.3 }\n]\n");
        Path root = dir.resolve("results");
        Cli.Result result = Cli.run("run", study.toString(), "-o", root.toString(), "-q");

        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("task.etta"), result.toString());
        assertTrue(result.err().contains("bad-study.conf:10"), result.toString());
        assertTrue(result.err().toLowerCase().contains("did you mean task.eta"), result.toString());
        assertNoMetrics();
    }

    @Test
    void badValueInAVariantFailsBeforeAnyTraining() throws IOException {
        Path study = Cli.write(dir, "bad-study.conf", BASE
                + "variants = [\n  { name = cot }\n  { name = slow, trainer.learning-rate = -1 }\n]\n");
        Cli.Result result = Cli.run("run", study.toString(), "-o", dir.resolve("results").toString(), "-q");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("trainer.learning-rate"), result.toString());
        assertTrue(result.err().contains("bad-study.conf:10"), result.toString());
        assertNoMetrics();
    }

    @Test
    void unknownStudyKeyIsRejected() throws IOException {
        Path study = Cli.write(dir, "bad-study.conf", BASE + "variant = [ { name = a } ]\n");
        Cli.Result result = Cli.run("run", study.toString(), "-o", dir.resolve("results").toString(), "-q");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("variant (") && result.err().contains("bad-study.conf:8"), result.toString());
        assertTrue(result.err().contains("unknown study key"), result.toString());
        assertNoMetrics();
    }

    @Test
    void duplicateVariantNameIsRejected() throws IOException {
        Path study = Cli.write(dir, "bad-study.conf", BASE + "variants = [ { name = a }, { name = a, seed = 3 } ]\n");
        Cli.Result result = Cli.run("run", study.toString(), "-o", dir.resolve("results").toString(), "-q");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("'a' is used twice"), result.toString());
        assertNoMetrics();
    }

    private void assertNoMetrics() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("metrics.csv")), "a variant trained");
        }
    }
}
