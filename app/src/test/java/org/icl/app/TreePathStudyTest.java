package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study of a task measured by accuracy (tree-path, no theory) beside one with theory: the table,
 * summary.csv, metrics.csv, result.json and the plots show what each task has; the softmax model learns
 * the small backward task from zero and draws its attention maps.
 */
class TreePathStudyTest {

    private static final String STUDY = "description = \"accuracy beside theory\"\n"
            + "base { seed = 3 }\n"
            + "variants = [\n"
            + "  { name = tree,\n"
            + "    task { type = tree-path, mode = backward, depth = 2, vocabulary = 7, eval-trees = 60, eval-max-depth = 2 }\n"
            + "    model { type = softmax-attention, heads = 1 }\n"
            + "    trainer { type = adam, learning-rate = 0.05, steps = 150, batch-size = 32, eval-every = 50, monitor-prompts = 60 } }\n"
            + "  { name = weights, " + Cli.TINY_TASK + ", " + Cli.TINY_MODEL + ", " + Cli.TINY_TRAINER + " }\n"
            + "]\n";

    @TempDir
    Path dir;

    @Test
    void accuracyColumnsBesideTheoryColumnsAndTheModelLearnsTheBackwardWalk() throws IOException {
        Path root = dir.resolve("out");
        Cli.Result result = Cli.run("run", Cli.write(dir, "mixed.conf", STUDY).toString(), "-o", root.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());

        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).contains("theory") && lines.get(0).contains("exact_path_accuracy")
                && lines.get(0).contains("step_accuracy"), lines.get(0));
        String tree = lines.stream().filter(l -> l.startsWith("tree ")).findFirst().orElseThrow();
        String weights = lines.stream().filter(l -> l.startsWith("weights ")).findFirst().orElseThrow();
        // The tree run has no theory; the weights run has no accuracies: both print a dash there.
        assertTrue(tree.contains(" - ") && tree.contains("1.000"), tree);
        assertTrue(weights.contains("k_step_gd") && weights.trim().matches(".* - +- +[0-9.]+$"), weights);

        // summary.csv flattens result.json: the accuracies are columns of their own, the theory columns empty for tree.
        List<Map<String, String>> summary = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(root.resolve("summary.csv").toFile()).readAll();
        assertEquals(List.of("tree", "weights"), summary.stream().map(r -> r.get("trial")).toList());
        assertEquals("1.0", summary.get(0).get("metrics.exact_path_accuracy"), summary.get(0).toString());
        assertEquals("1.0", summary.get(0).get("metrics.step_accuracy"), summary.get(0).toString());
        assertEquals("", summary.get(0).get("theory.reference"), summary.get(0).toString());
        assertEquals("k_step_gd", summary.get(1).get("theory.reference"), summary.get(1).toString());
        assertEquals("", summary.get(1).get("metrics.exact_path_accuracy"), summary.get(1).toString());

        ObjectMapper json = new ObjectMapper();
        JsonNode treeResult = json.readTree(root.resolve("tree/result.json").toFile());
        assertEquals(1.0, treeResult.at("/metrics/exact_path_accuracy").asDouble(), "the tiny backward walk is learnt exactly");
        assertEquals(1.0, treeResult.at("/metrics/step_accuracy").asDouble());
        assertFalse(treeResult.has("theory") || treeResult.has("eval_loss_over_reference"), treeResult.toString());
        // Node self-matching: the query attends to the edge whose child is the current node.
        assertTrue(treeResult.at("/mechanism/head1.up.parent_edge").asDouble() > 0.8, treeResult.at("/mechanism").toString());
        assertEquals("parent_edge", treeResult.at("/mechanism/head1.up.mostly").asText());
        assertTrue(json.readTree(root.resolve("weights/result.json").toFile()).has("theory"));

        assertEquals(List.of("step", "train_loss", "eval_loss", "exact_path_accuracy", "step_accuracy", "elapsed_seconds"),
                MetricsCsv.read(root.resolve("tree/metrics.csv")).header());
        assertEquals(List.of("step", "train_loss", "eval_loss", "elapsed_seconds"),
                MetricsCsv.read(root.resolve("weights/metrics.csv")).header());
        List<String> accuracy = MetricsCsv.read(root.resolve("tree/metrics.csv")).column("exact_path_accuracy");
        assertEquals("", accuracy.get(0));
        assertFalse(accuracy.get(49).isEmpty());

        for (String file : new String[] {"learning-curves.png", "learning-curves-exact_path_accuracy.png",
                "learning-curves-step_accuracy.png", "tree/attention-tree1-head1.png", "tree/attention-tree3-head1.png"}) {
            assertTrue(Files.size(root.resolve(file)) > 1000, file);
        }
        assertFalse(Files.exists(root.resolve("weights/attention-tree1-head1.png")));
    }
}
