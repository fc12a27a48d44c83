package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed with SIGKILL after a checkpoint, then resumed, ends with parameters and metrics
 * bit-identical to a run that was never interrupted; a study killed in the middle of a trial continues that
 * trial from its checkpoint when it runs again, and ends with the summary of a study never interrupted.
 */
class KillAndResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** About a second of training: the kill at the first checkpoint (5% in) lands mid-run. */
    private static final String RUN = "seed = 3\n" + Cli.TINY_TASK + "\n" + Cli.TINY_MODEL + "\n"
            + "trainer { type = adam, steps = 800, batch-size = 16, eval-every = 40, monitor-prompts = 50 }\n";

    @TempDir
    Path work;

    @Test
    void aRunKilledAfterACheckpointResumesToTheSameBits() throws Exception {
        Path config = Cli.write(work, "long.conf", RUN);
        Path whole = work.resolve("whole");
        assertEquals(0, Cli.run("train", config.toString(), "-o", whole.toString(), "-q").exitCode());

        Path killed = work.resolve("killed");
        int checkpointStep = killAtFirstCheckpoint(killed.resolve("checkpoint.bin"),
                "train", config.toString(), "-o", killed.toString(), "-q");
        assertTrue(checkpointStep < 800, "killed after step " + checkpointStep + ", before the end");
        assertFalse(Files.exists(killed.resolve("result.json")), "the kill came before the run finished");

        Cli.Result resumed = Cli.run("train", config.toString(), "-o", killed.toString(), "--resume", "-q");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertSameRun(whole, killed);
    }

    @Test
    void aStudyKilledInATrialContinuesItFromItsCheckpoint() throws Exception {
        // The run above and a short one; with --jobs 1 the kill lands in the first while the second has not started.
        Path study = Cli.write(work, "study.conf", "base {\n" + RUN + "}\n"
                + "variants = [ { name = long }, { name = short, trainer.steps = 40 } ]\n");
        Path whole = work.resolve("whole-study");
        Cli.Result uninterrupted = Cli.run("run", study.toString(), "-o", whole.toString(), "-q", "--jobs", "1");
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());

        Path killed = work.resolve("killed-study");
        int checkpointStep = killAtFirstCheckpoint(killed.resolve(".partial/long/checkpoint.bin"),
                "run", study.toString(), "-o", killed.toString(), "-q", "--jobs", "1");
        assertTrue(checkpointStep < 800, "killed after step " + checkpointStep + ", before the end");
        assertFalse(Files.exists(killed.resolve("long")), "the kill came before the trial finished");

        Cli.Result rerun = Cli.run("run", study.toString(), "-o", killed.toString(), "-q", "--jobs", "2");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEquals(checkpointStep, resumedFrom(killed.resolve("long")),
                "the killed trial continued from its checkpoint instead of starting over");
        assertEquals(0, resumedFrom(killed.resolve("short")));
        assertSameRun(whole.resolve("long"), killed.resolve("long"));
        assertEquals(Files.readString(whole.resolve("summary.csv")), Files.readString(killed.resolve("summary.csv")));
        assertFalse(Files.exists(killed.resolve(".partial")), "nothing is left in progress");
    }

    @Test
    void aTrialWhoseCheckpointIsDamagedStartsOver() throws Exception {
        Path study = Cli.write(work, "short.conf", "base {\n" + Cli.TINY_RUN + "}\nseeds = [1]\n");
        Path out = work.resolve("out");
        assertEquals(0, Cli.run("run", study.toString(), "-o", out.toString(), "-q").exitCode());
        String summary = Files.readString(out.resolve("summary.csv"));
        // what a killed attempt would leave if its checkpoint had been damaged on disk
        Path partial = Files.createDirectories(out.resolve(".partial"));
        Files.move(out.resolve("seed=1"), partial.resolve("seed=1"));
        Files.write(partial.resolve("seed=1/checkpoint.bin"), new byte[] {1, 2, 3});

        Cli.Result rerun = Cli.run("run", study.toString(), "-o", out.toString(), "-q");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEquals(0, resumedFrom(out.resolve("seed=1")), "the damaged attempt was discarded");
        assertEquals(summary, Files.readString(out.resolve("summary.csv")));
    }

    /** The checkpoint step a study's trial continued from; 0 when it trained from the start. */
    private static int resumedFrom(Path trial) throws IOException {
        return JSON.readTree(trial.resolve("trial.json").toFile()).get("resumed_from_step").asInt();
    }

    /**
     * Starts {@code icl args...} in a new JVM, kills it with SIGKILL as soon as {@code checkpoint}
     * exists, and returns the step the checkpoint holds.
     */
    private static int killAtFirstCheckpoint(Path checkpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true"));
        // The child must take the same (SIMD or plain) arithmetic paths as this JVM, or the last bits differ.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Icl.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(checkpoint)) {
                if (!process.isAlive()) {
                    fail("the run ended (exit " + process.exitValue() + ") before its first checkpoint");
                }
                if (System.nanoTime() > deadline) {
                    fail("no checkpoint within 60 s");
                }
                Thread.sleep(2);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks, no flushing
            process.waitFor(10, TimeUnit.SECONDS);
        }
        byte[] bytes = Files.readAllBytes(checkpoint);
        // The step is the int after the format name ("icl-checkpoint": 2-byte length + 14 bytes) and the version.
        return java.nio.ByteBuffer.wrap(bytes, 2 + 14 + 4, 4).getInt();
    }

    /** The same parameters, metrics and losses to the last bit; only timings may differ. */
    private static void assertSameRun(Path expected, Path actual) throws IOException {
        assertEquals(JSON.readTree(expected.resolve("parameters.json").toFile()).get("parameters"),
                JSON.readTree(actual.resolve("parameters.json").toFile()).get("parameters"), "parameters");
        JsonNode a = JSON.readTree(expected.resolve("result.json").toFile());
        JsonNode b = JSON.readTree(actual.resolve("result.json").toFile());
        for (String metric : new String[] {"eval_loss", "train_loss", "steps", "eval_prompts"}) {
            assertEquals(a.at("/metrics/" + metric), b.at("/metrics/" + metric), metric);
        }
        assertEquals(a.get("mechanism"), b.get("mechanism"));
        assertEquals("completed", b.get("status").asText());
        MetricsCsv m = MetricsCsv.read(expected.resolve("metrics.csv"));
        MetricsCsv n = MetricsCsv.read(actual.resolve("metrics.csv"));
        assertEquals(m.column("step"), n.column("step"), "one row per step, none twice");
        assertEquals(m.column("train_loss"), n.column("train_loss"));
        assertEquals(m.column("eval_loss"), n.column("eval_loss"));
    }

    private static List<String> column(Path csv, int index) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.split(",", -1)[index]).toList();
    }
}
