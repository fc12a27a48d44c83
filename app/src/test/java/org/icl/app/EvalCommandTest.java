package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl eval}: a finished run's saved parameters, evaluated again as saved or under changed task settings. */
class EvalCommandTest {

    @TempDir
    static Path work;
    static Path run;

    @BeforeAll
    static void train() {
        run = work.resolve("run");
        Cli.Result result = Cli.run("train", Cli.write(work, "tiny.conf", Cli.TINY_RUN).toString(), "-o", run.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void reevaluatingAsSavedGivesTheRunsOwnEvaluationLoss() throws IOException {
        double saved = new ObjectMapper().readTree(run.resolve("result.json").toFile()).at("/metrics/eval_loss").asDouble();
        Cli.Result result = Cli.run("eval", run.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(saved, evalLoss(result), 5e-4 * saved, "the table prints four significant digits");
    }

    @Test
    void overridesChangeTheEvaluationWithoutRetraining() {
        double asSaved = evalLoss(Cli.run("eval", run.toString()));
        Cli.Result shifted = Cli.run("eval", run.toString(), "--set", "task.eval-covariance=[0.5, 1, 2]");
        assertEquals(0, shifted.exitCode(), shifted.toString());
        assertNotEquals(asSaved, evalLoss(shifted));
    }

    @Test
    void aShapeChangingOverrideIsBadInput() {
        Cli.Result result = Cli.run("eval", run.toString(), "--set", "task.d=4");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("parameters.json"), result.err());
    }

    @Test
    void aDirectoryWithoutParametersIsBadInput() {
        Cli.Result result = Cli.run("eval", work.toString());
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("not a run directory"), result.err());
    }

    /** The eval-loss cell of the table's first data row. */
    private static double evalLoss(Cli.Result result) {
        return Double.parseDouble(result.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")[1]);
    }
}
