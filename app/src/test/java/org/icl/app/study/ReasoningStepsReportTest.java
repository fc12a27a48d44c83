package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.icl.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report.methods}: the long table of evaluations against reasoning steps, its console table and figure. */
class ReasoningStepsReportTest {

    private static final String STUDY = "description = \"tiny comparison\"\n" + TinyStudy.BASE
            + "variants = [\n"
            + "  { name = cot, task { cot = true, k = 2 }, evaluate-also.twice.task.k = 4 }\n"
            + "  { name = loop, task.cot = false, model { type = looped, loops = 3 }, evaluate-also.twice.model.eval-loops = 6 }\n"
            + "]\n"
            + "report { methods = [\"task.cot\", \"model.type\"] }\n";

    @TempDir
    Path dir;

    @Test
    void oneRowPerTrialAndEvaluationWithItsStepsAndTheGdCurveThere() throws IOException {
        Path out = dir.resolve("out");
        Cli.Result result = Cli.run("run", Cli.write(dir, "study.conf", STUDY).toString(), "-o", out.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = Files.readAllLines(out.resolve(ReasoningStepsReport.FILE));
        assertEquals("trial,method,seed,evaluation,steps_trained,steps_evaluated,eval_loss,reference,reference_value,"
                + "k_step_gd,best_step_gd", lines.get(0));
        List<List<String>> rows = lines.stream().skip(1).map(l -> List.of(l.split(",", -1))).toList();
        assertEquals(List.of("cot", "cot=true type=linear-attention", "1", "trained", "2.0", "2.0"), rows.get(0).subList(0, 6));
        assertEquals(List.of("cot", "cot=true type=linear-attention", "1", "twice", "2.0", "4.0"), rows.get(1).subList(0, 6));
        assertEquals(List.of("loop", "cot=false type=looped", "1", "trained", "3.0", "3.0"), rows.get(2).subList(0, 6));
        assertEquals(List.of("loop", "cot=false type=looped", "1", "twice", "3.0", "6.0"), rows.get(3).subList(0, 6));
        // with CoT the reference is k-step GD at the evaluated k, which is the iteration theory's k_step_gd there
        assertEquals(Double.parseDouble(rows.get(1).get(8)), Double.parseDouble(rows.get(1).get(9)), 1e-12);
        // best constant step never loses to the fixed step
        rows.subList(0, 4).forEach(r -> assertTrue(Double.parseDouble(r.get(10)) <= Double.parseDouble(r.get(9)) + 1e-12, r.toString()));
        assertTrue(rows.subList(4, rows.size()).stream().allMatch(r -> r.get(1).equals("baseline")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.get(3).equals("least_squares")), rows.toString());
        assertTrue(Files.size(out.resolve("figures").resolve(ReasoningStepsReport.FIGURE + ".png")) > 0);
        assertTrue(result.out().contains("evaluated") && result.out().lines().anyMatch(l -> l.startsWith("loop ") && l.contains("twice")),
                result.out());
    }
}
