package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate-also}: the trained parameters evaluated under changed task or model keys, with the same numbers
 * as {@code icl eval --set} on the saved run, and every entry validated before training starts.
 */
class EvaluateAlsoTest {

    private static final String COT = "seed = 5\n"
            + "task { type = weight-prediction, d = 3, n = 6, cot = true, k = 3, eval-prompts = 200, eval-chunk = 100 }\n"
            + Cli.TINY_MODEL + "\n" + Cli.TINY_TRAINER + "\n";
    private static final String LOOPED = "seed = 5\n"
            + "task { type = weight-prediction, d = 3, n = 6, cot = false, eval-prompts = 200, eval-chunk = 100 }\n"
            + "model { type = looped, loops = 2, layer { type = linear-attention, trainable = [ \"V:w,x\", \"W:x,w\" ], "
            + "fixed { \"W:y,const\" = -1 } } }\n" + Cli.TINY_TRAINER + "\n";

    @TempDir
    Path work;

    @Test
    void twiceTheCotStepsMatchesReevaluatingTheSavedRun() throws IOException {
        JsonNode result = train(COT + "evaluate-also { twice { task.k = 6 } }\n");
        assertEquals(3, result.at("/metrics/reasoning_steps").asDouble());
        assertEquals(3, result.at("/metrics/rollout_steps").asDouble());
        JsonNode twice = result.at("/evaluate_also/twice");
        assertEquals(6, twice.at("/metrics/reasoning_steps").asDouble());
        // the alternate's own theory: k-step GD at 6 steps, lower than at the trained 3
        assertEquals("k_step_gd", twice.at("/theory/reference").asText());
        assertTrue(twice.at("/theory/k_step_gd").asDouble() < result.at("/theory/k_step_gd").asDouble());
        assertEquals(twice.at("/eval_loss").asDouble() / twice.at("/theory/k_step_gd").asDouble(),
                twice.at("/eval_loss_over_reference").asDouble(), 1e-12);
        assertEquals(evalLoss("task.k=6"), twice.at("/eval_loss").asDouble(), 5e-4 * twice.at("/eval_loss").asDouble(),
                "the same prompts and parameters as icl eval --set (the table prints four significant digits)");
    }

    @Test
    void moreLoopsCountAsMoreReasoningStepsAndMatchReevaluation() throws IOException {
        JsonNode result = train(LOOPED + "evaluate-also { twice { model.eval-loops = 4 }, once { model.eval-loops = 2 } }\n");
        assertEquals(2, result.at("/metrics/reasoning_steps").asDouble());
        assertEquals(4, result.at("/evaluate_also/twice/metrics/reasoning_steps").asDouble());
        // evaluated as trained, the alternate gives the run's own loss exactly
        assertEquals(result.at("/metrics/eval_loss").asDouble(), result.at("/evaluate_also/once/eval_loss").asDouble(), 0);
        double twice = result.at("/evaluate_also/twice/eval_loss").asDouble();
        assertEquals(evalLoss("model.eval-loops=4"), twice, 5e-4 * twice, "the table prints four significant digits");
        assertTrue(work.resolve("run/iteration-theory.csv").toFile().isFile(), "the GD curves up to 4 steps");
    }

    @Test
    void aMisspeltKeyIsNamedInFullWithItsOrigin() {
        // lines 1-4 are the run, 5 opens evaluate-also, 6 holds the misspelt key
        Cli.Result result = start(COT + "evaluate-also {\n  twice { task.kk = 6 }\n}\n");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("evaluate-also.twice.task.kk (") && result.err().contains("run.conf:6"), result.err());
        assertTrue(result.err().contains("Did you mean evaluate-also.twice.task.k?"), result.err());
    }

    @Test
    void onlyTaskAndModelKeysAndNoTypeMayChange() {
        Cli.Result trainer = start(COT + "evaluate-also { twice { trainer.steps = 6 } }\n");
        assertEquals(Icl.BAD_INPUT, trainer.exitCode(), trainer.toString());
        assertTrue(trainer.err().contains("evaluate-also.twice.trainer ("), trainer.err());
        Cli.Result type = start(LOOPED + "evaluate-also { other { model.layer.type = softmax-attention } }\n");
        assertEquals(Icl.BAD_INPUT, type.exitCode(), type.toString());
        assertTrue(type.err().contains("evaluate-also.other.model.layer.type ("), type.err());
    }

    @Test
    void anAlternateOfOtherParameterShapesIsRefusedBeforeTraining() {
        Cli.Result result = start(COT + "evaluate-also { bigger { task.d = 4 } }\n");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("evaluate-also.bigger (") && result.err().contains("shapes"), result.err());
    }

    private JsonNode train(String config) throws IOException {
        Cli.Result result = start(config);
        assertEquals(0, result.exitCode(), result.toString());
        return new ObjectMapper().readTree(work.resolve("run/result.json").toFile());
    }

    private Cli.Result start(String config) {
        return Cli.run("train", Cli.write(work, "run.conf", config).toString(), "-o", work.resolve("run").toString(), "-q");
    }

    /** The loss {@code icl eval --set override} prints for the saved run (the first data row's eval-loss cell). */
    private double evalLoss(String override) {
        Cli.Result result = Cli.run("eval", work.resolve("run").toString(), "--set", override);
        assertEquals(0, result.exitCode(), result.toString());
        return Double.parseDouble(result.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")[1]);
    }
}
