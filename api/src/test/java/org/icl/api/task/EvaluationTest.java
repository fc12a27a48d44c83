package org.icl.api.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The per-prompt summary of an evaluation and the token blocks a task shape announces. */
class EvaluationTest {

    @Test
    void meanAndQuantilesOfPromptLosses() {
        // 0, 1, ..., 100 in shuffled order: the q-quantile is 100q exactly, the mean 50.
        double[] losses = new double[101];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = (i * 37) % 101;
        }
        Evaluation evaluation = Evaluation.ofPromptLosses(losses, Map.of("other", 2.0));
        assertEquals(50.0, evaluation.loss(), 1e-12);
        assertEquals(101, evaluation.prompts());
        assertEquals(50.0, evaluation.metrics().get("eval_loss_median"), 1e-12);
        assertEquals(90.0, evaluation.metrics().get("eval_loss_p90"), 1e-12);
        assertEquals(99.0, evaluation.metrics().get("eval_loss_p99"), 1e-12);
        assertEquals(2.0, evaluation.metrics().get("other"));
    }

    @Test
    void metricsIterateInNameOrderInEveryJvm() {
        // Map.copyOf's order changes from one JVM to the next; result.json and study summaries must not.
        Evaluation evaluation = new Evaluation(1.0, 3, Map.of("zeta", 1.0, "alpha", 2.0, "mu", 3.0, "beta", 4.0));
        assertEquals(List.of("alpha", "beta", "mu", "zeta"), List.copyOf(evaluation.metrics().keySet()));
    }

    @Test
    void aHeavyTailMovesTheMeanButNotTheMedian() {
        double[] losses = new double[1000];
        java.util.Arrays.fill(losses, 0.5);
        losses[17] = 1e6;
        Evaluation evaluation = Evaluation.ofPromptLosses(losses, Map.of());
        assertEquals(0.5 + (1e6 - 0.5) / 1000, evaluation.loss(), 1e-9);
        assertEquals(0.5, evaluation.metrics().get("eval_loss_median"), 0.0);
        assertEquals(0.5, evaluation.metrics().get("eval_loss_p99"), 0.0);
        // Halfway between the two largest order statistics (position 998.5 of 0..999), and the largest.
        assertEquals(0.5 + 0.5 * (1e6 - 0.5), Evaluation.quantile(sortedCopy(losses), 998.5 / 999), 1e-6);
        assertEquals(1e6, Evaluation.quantile(sortedCopy(losses), 1.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Evaluation.ofPromptLosses(new double[0], Map.of()));
    }

    @Test
    void shapeBlocksAreLookedUpByNameAndChecked() {
        TaskShape shape = new TaskShape(5, 3, 5, 2, List.of(new TokenBlock("a", 0, 2), new TokenBlock("b", 2, 5)));
        assertEquals(new TokenBlock("b", 2, 5), shape.block("b").orElseThrow());
        assertEquals(List.of(), new TaskShape(5, 3, 5, 2).blocks());
        assertThrows(IllegalArgumentException.class,
                () -> new TaskShape(4, 3, 4, 2, List.of(new TokenBlock("a", 0, 5))));
        assertThrows(IllegalArgumentException.class,
                () -> new TaskShape(4, 3, 4, 2, List.of(new TokenBlock("a", 0, 1), new TokenBlock("a", 1, 2))));
        assertThrows(IllegalArgumentException.class, () -> new TokenBlock("a", 2, 2));
    }

    private static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }
}
