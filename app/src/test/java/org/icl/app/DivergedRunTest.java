package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A diverging run ends with exit code 1, a one-line reason and status "diverged" in result.json,
 * keeping the files written before; in a study the other variants go on and the tables mark it.
 */
class DivergedRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** The two runs: at learning rate 1e6 the loss becomes NaN at once, at 10 it explodes to ~1e29. */
    @ParameterizedTest
    @ValueSource(strings = {"1e6", "10"})
    void hugeLearningRatesEndAsDiverged(String learningRate) throws IOException {
        Path config = Cli.write(work, "tiny.conf", Cli.TINY_RUN);
        Path run = work.resolve("run");
        Cli.Result result = Cli.run("train", config.toString(), "-o", run.toString(), "-q",
                "--set", "trainer.learning-rate=" + learningRate, "--set", "trainer.steps=50");
        assertEquals(Icl.RUN_FAILED, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("icl: tiny: training diverged at step"), result.err());
        assertTrue(result.err().contains("trainer.learning-rate"), result.err());
        assertEquals(1, result.err().lines().count(), "one line, no stack trace:\n" + result.err());
        assertTrue(result.out().contains("DIVERGED"), result.out());

        JsonNode json = JSON.readTree(run.resolve("result.json").toFile());
        assertEquals("diverged", json.get("status").asText());
        int step = json.at("/diverged/step").asInt();
        assertTrue(step >= 2 && step <= 50, json.toString());
        assertEquals("train_loss", json.at("/diverged/quantity").asText());
        JsonNode value = json.at("/diverged/value");
        assertTrue(value.isTextual() ? value.asText().matches("NaN|-?Infinity") : value.asDouble() > 1e5, json.toString());
        assertTrue(json.at("/metrics/eval_loss").isMissingNode(), "no final evaluation of diverged parameters");
        assertEquals(step, json.at("/metrics/steps").asInt());
        assertTrue(json.at("/provenance/git_commit").isTextual(), json.toString());
        // metrics.csv keeps the steps up to and including the diverged one.
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(step + 1, lines.size());
        assertTrue(lines.get(step).startsWith(step + ","), lines.get(step));
        assertFalse(Files.exists(run.resolve("heatmap-V.png")), "no heatmaps of diverged parameters");
    }

    @Test
    void divergenceInOneVariantLetsTheOthersFinishAndIsMarkedInTheTables() throws IOException {
        Path study = Cli.write(work, "mixed.conf", "base {\n  seed = 2\n  " + Cli.TINY_TASK + "\n  " + Cli.TINY_MODEL + "\n  "
                + Cli.TINY_TRAINER + "\n}\nvariants = [\n  { name = wild, trainer.learning-rate = 1e6 }\n  { name = tame }\n]\n");
        Path root = work.resolve("study");
        Cli.Result result = Cli.run("run", study.toString(), "-o", root.toString(), "-q");

        assertEquals(Icl.RUN_FAILED, result.exitCode(), result.toString());
        assertTrue(result.err().contains("icl: trial wild: training diverged at step"), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("wild ") && l.contains("DIVERGED")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("tame ") && !l.contains("DIVERGED")), result.out());
        assertEquals("completed", JSON.readTree(root.resolve("tame/result.json").toFile()).get("status").asText());
        assertEquals("diverged", JSON.readTree(root.resolve("wild/result.json").toFile()).get("status").asText());
        List<String> summary = Files.readAllLines(root.resolve("summary.csv"));
        assertTrue(summary.get(1).startsWith("wild,wild,2,failed,"), summary.get(1));
        assertTrue(summary.get(2).startsWith("tame,tame,2,completed,"), summary.get(2));
    }
}
