package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.icl.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study killed with SIGKILL in the middle leaves only complete trials behind, and running the same
 * command again completes every other trial exactly once.
 */
class KilledStudyTest {

    private static final int TRIALS = 16;

    @TempDir
    Path dir;

    @Test
    void aKilledStudyResumesAndEveryTrialCompletesExactlyOnce() throws Exception {
        Path study = Cli.write(dir, "kill.conf", TinyStudy.BASE.replace("steps = 5", "steps = 100")
                + "sweep.axes { task.k = [1, 2, 3, 4] }\nseeds = [1, 2, 3, 4]\n");
        Path out = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.icl.app.Icl", "run", study.toString(), "-o", out.toString(), "-q", "--jobs", "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (complete(out).size() < 3 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
            child.waitFor(10, TimeUnit.SECONDS);
        }
        List<Path> before = complete(out);
        assertTrue(before.size() >= 3 && before.size() < TRIALS,
                "killed mid-way: " + before.size() + " of " + TRIALS + " complete\n" + Files.readString(dir.resolve("child.log")));
        Map<Path, FileTime> stamps = new HashMap<>();
        for (Path trial : before) {
            assertWhole(trial);
            stamps.put(trial.getFileName(), Files.getLastModifiedTime(trial.resolve("result.json")));
        }

        Cli.Result rerun = Cli.run("run", study.toString(), "-o", out.toString(), "-q", "--jobs", "2");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains(before.size() + " trial(s) skipped"), rerun.out());
        List<Path> after = complete(out);
        assertEquals(TRIALS, after.size());
        for (Path trial : after) {
            assertWhole(trial);
            FileTime stamp = stamps.get(trial.getFileName());
            if (stamp != null) {
                assertEquals(stamp, Files.getLastModifiedTime(trial.resolve("result.json")), trial + " ran twice");
            }
        }
        assertFalse(Files.exists(out.resolve(TrialRunner.PARTIAL)), "the killed run's partial trials are cleared");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(TRIALS + 1, summary.size());
        assertEquals(TRIALS, summary.stream().filter(l -> l.contains(",completed,")).count());
    }

    /** The trial directories the study shows (hidden ones are work in progress). */
    private static List<Path> complete(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("figures")).sorted().toList();
        }
    }

    /** Every file of the trial is complete: JSON parses, metrics.csv has a row per step, images decode. */
    private static void assertWhole(Path trial) throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertEquals("completed", json.readTree(trial.resolve("trial.json").toFile()).get("state").asText(), trial.toString());
        assertTrue(json.readTree(trial.resolve("result.json").toFile()).at("/metrics/eval_loss").isNumber(), trial.toString());
        assertEquals(2, json.readTree(trial.resolve("parameters.json").toFile()).get("parameters").size(), trial.toString());
        assertEquals(101, Files.readAllLines(trial.resolve("metrics.csv")).size(), trial.toString());
        assertNotNull(ImageIO.read(trial.resolve("heatmap-V.png").toFile()), trial.toString());
        assertTrue(Files.readString(trial.resolve("config.conf")).contains("steps=100"), trial.toString());
    }
}
