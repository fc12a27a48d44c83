package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run ends with exit code 1 and a one-line reason, and keeps the metrics it logged. */
class DivergedRunTest {

    @TempDir
    Path work;

    @Test
    void divergenceIsReportedWithoutAStackTrace() throws Exception {
        Path config = Cli.write(work, "tiny.conf", Cli.TINY_RUN);
        Path run = work.resolve("run");
        Cli.Result result = Cli.run("train", config.toString(), "-o", run.toString(), "-q",
                "--set", "trainer.type=sgd", "--set", "trainer.learning-rate=1e6");
        assertEquals(Icl.RUN_FAILED, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("icl: training diverged at step"), result.err());
        assertTrue(result.err().contains("trainer.learning-rate"), result.err());
        assertTrue(Files.readAllLines(run.resolve("metrics.csv")).size() > 1, "rows before the divergence are kept");
    }
}
