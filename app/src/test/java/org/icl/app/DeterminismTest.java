package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of the same config give the same losses and parameters, bit for bit (only timings may differ). */
class DeterminismTest {

    @TempDir
    Path dir;

    @Test
    void identicalRunsGiveIdenticalLossesAndParameters() throws IOException {
        Path config = Cli.write(dir, "tiny.conf", Cli.TINY_RUN);
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertEquals(0, Cli.run("train", config.toString(), "-o", first.toString(), "-q").exitCode());
        assertEquals(0, Cli.run("train", config.toString(), "-o", second.toString(), "-q").exitCode());

        MetricsCsv a = MetricsCsv.read(first.resolve("metrics.csv"));
        MetricsCsv b = MetricsCsv.read(second.resolve("metrics.csv"));
        assertEquals(a.column("step"), b.column("step"));
        assertEquals(a.column("train_loss"), b.column("train_loss"));
        assertEquals(a.column("eval_loss"), b.column("eval_loss"));

        ObjectMapper json = new ObjectMapper();
        JsonNode resultA = json.readTree(first.resolve("result.json").toFile());
        JsonNode resultB = json.readTree(second.resolve("result.json").toFile());
        assertEquals(resultA.at("/metrics/eval_loss").asDouble(), resultB.at("/metrics/eval_loss").asDouble());
        assertEquals(resultA.at("/metrics/train_loss").asDouble(), resultB.at("/metrics/train_loss").asDouble());
        assertEquals(resultA.get("theory"), resultB.get("theory"));
        assertEquals(resultA.get("mechanism"), resultB.get("mechanism"));
        assertEquals(Files.readString(first.resolve("parameters.json")), Files.readString(second.resolve("parameters.json")));
        assertEquals(Files.readString(first.resolve("config.conf")), Files.readString(second.resolve("config.conf")));
    }

    @Test
    void anotherSeedGivesOtherLosses() {
        Path config = Cli.write(dir, "tiny.conf", Cli.TINY_RUN);
        Path first = dir.resolve("first");
        Path reseeded = dir.resolve("reseeded");
        assertEquals(0, Cli.run("train", config.toString(), "-o", first.toString(), "-q").exitCode());
        assertEquals(0, Cli.run("train", config.toString(), "-o", reseeded.toString(), "-q", "--set", "seed=6").exitCode());
        assertNotEquals(
                MetricsCsv.read(first.resolve("metrics.csv")).column("train_loss"),
                MetricsCsv.read(reseeded.resolve("metrics.csv")).column("train_loss"));
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalResults() throws IOException {
        Path config = Cli.write(dir, "tiny.conf", Cli.TINY_RUN);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, Cli.run("train", config.toString(), "-o", one.toString(), "-q", "--threads", "1").exitCode());
        assertEquals(0, Cli.run("train", config.toString(), "-o", two.toString(), "-q", "--threads", "2").exitCode());

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(one.resolve("result.json").toFile());
        JsonNode b = json.readTree(two.resolve("result.json").toFile());
        assertEquals(1, a.at("/provenance/threads").asInt());
        assertEquals(2, b.at("/provenance/threads").asInt());
        assertEquals(withoutTimings(a.get("metrics")), withoutTimings(b.get("metrics")));
        assertEquals(a.get("theory"), b.get("theory"));
        assertEquals(a.get("mechanism"), b.get("mechanism"));
        assertEquals(a.get("eval_loss_over_reference"), b.get("eval_loss_over_reference"));
        assertEquals(json.readTree(one.resolve("parameters.json").toFile()), json.readTree(two.resolve("parameters.json").toFile()));
    }

    /** The metrics that are results, not measurements of the machine's speed. */
    private static JsonNode withoutTimings(JsonNode metrics) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = metrics.deepCopy();
        copy.remove(List.of("train_seconds", "monitor_eval_seconds", "steps_per_second"));
        assertTrue(copy.has("eval_loss") && copy.has("train_loss"), copy.toString());
        return copy;
    }
}
