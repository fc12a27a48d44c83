package org.icl.tasks.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.Evaluation;
import org.icl.api.task.TokenBlock;
import org.junit.jupiter.api.Test;

/** Checks the tree-path task: prompt layout, evaluation trees, losses, and greedy decoding of hand-set models. */
class TreePathTaskTest {

    private static TreePathSettings settings(PathDirection direction, int depth, int vocabulary, PathLoss loss, int trees) {
        return new TreePathSettings(direction, depth, vocabulary, loss, trees, 1, depth, 1, 3);
    }

    /** The tree 7 → {3, 9}, 3 → {4}, 4 → {1}: goal 1 sits three levels down. */
    private static Tree smallTree() {
        return new Tree(new int[] {7, 3, 9, 4, 1}, new int[] {-1, 0, 0, 1, 3});
    }

    private static final TokenLayout LAYOUT_10 = new TokenLayout(10);

    @Test
    void backwardTargetsClimbToTheRootThenStop() {
        PathExample e = new PathExample(smallTree(), 4, new int[] {1, 2, 3, 4}, PathDirection.BACKWARD, LAYOUT_10);
        assertArrayEquals(new int[] {4, 3, 7, 10}, e.targets());
        assertEquals(6, e.promptLength());
        assertEquals(9, e.length());
        assertEquals(5, e.firstQuery());
    }

    @Test
    void forwardTargetsClimbEmitTheStageTokenAndWalkBackDown() {
        PathExample e = new PathExample(smallTree(), 4, new int[] {1, 2, 3, 4}, PathDirection.FORWARD, LAYOUT_10);
        assertArrayEquals(new int[] {4, 3, 7, 10, 7, 3, 4, 1}, e.targets());
        assertEquals(6 + 7, e.length());
        assertEquals(6 + 3, e.stageColumn());
        assertEquals(List.of("7>3", "7>9", "3>4", "4>1", "top>7", "goal 1", "4", "3", "7", "top", "7", "3", "4"), e.tokenNames());
    }

    @Test
    void promptIsEdgesInTheGivenOrderThenRootThenGoalThenTheChainOfThought() {
        TokenLayout layout = LAYOUT_10;
        PathExample e = new PathExample(smallTree(), 4, new int[] {3, 1, 4, 2}, PathDirection.BACKWARD, layout);
        Tensor z = Tensor.wrap(layout.rows(), e.length(), 1, new double[layout.rows() * e.length()]);
        e.write(z, 0, e.length());
        assertToken(z, 0, layout, layout.parentRow(3), layout.childRow(4), layout.edgeFlag());
        assertToken(z, 1, layout, layout.parentRow(7), layout.childRow(3), layout.edgeFlag());
        assertToken(z, 2, layout, layout.parentRow(4), layout.childRow(1), layout.edgeFlag());
        assertToken(z, 3, layout, layout.parentRow(7), layout.childRow(9), layout.edgeFlag());
        assertToken(z, 4, layout, layout.parentRow(layout.top()), layout.childRow(7), layout.edgeFlag());
        assertToken(z, 5, layout, layout.nodeRow(1), layout.nodeFlag());
        assertToken(z, 6, layout, layout.nodeRow(4), layout.nodeFlag());
        assertToken(z, 7, layout, layout.nodeRow(3), layout.nodeFlag());
        assertToken(z, 8, layout, layout.nodeRow(7), layout.nodeFlag());
        assertEquals(List.of("3>4", "7>3", "4>1", "7>9", "top>7", "goal 1", "4", "3", "7"), e.tokenNames());
        assertEquals(35, layout.rows());
        assertEquals("n:top", layout.rowLabels().get(layout.nodeRow(layout.top())));
    }

    private static void assertToken(Tensor z, int col, TokenLayout layout, int... ones) {
        for (int r = 0; r < layout.rows(); r++) {
            boolean one = false;
            for (int o : ones) {
                one |= o == r;
            }
            assertEquals(one ? 1.0 : 0.0, z.get(0, r, col), "row " + layout.rowLabels().get(r) + " of column " + col);
        }
    }

    @Test
    void evaluationTreesAreUnseenVaryInHeightAndHaveUpToThreeChildren() {
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 300), 1);
        int[] heights = new int[5];
        for (PathExample e : task.evaluationExamples()) {
            Tree tree = e.tree();
            assertFalse(tree.isPerfectBinary(4), "a training shape among the evaluation trees");
            assertTrue(tree.size() <= 31);
            for (int node = 0; node < tree.size(); node++) {
                assertTrue(tree.childCount(node) <= 3);
            }
            assertEquals(0, tree.childCount(e.goal()));
            heights[tree.height()]++;
        }
        for (int h = 1; h <= 4; h++) {
            assertTrue(heights[h] > 40, "height " + h + " drawn " + heights[h] + " times of 300");
        }
        assertEquals(300, task.evaluationPrompts());
    }

    @Test
    void evaluationTreesDependOnlyOnTheSeed() {
        TreePathSettings s = settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 20);
        List<PathExample> a = new TreePathTask(s, 9).evaluationExamples();
        List<PathExample> b = new TreePathTask(s, 9).evaluationExamples();
        List<PathExample> c = new TreePathTask(s, 10).evaluationExamples();
        assertEquals(names(a), names(b));
        assertNotEquals(names(a), names(c));
    }

    private static List<List<String>> names(List<PathExample> examples) {
        return examples.stream().map(PathExample::tokenNames).toList();
    }

    @Test
    void shapeAnnouncesTokenRowsSymbolsAndTheLongestSequence() {
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 50), 1);
        assertEquals(3 * 32 + 2, task.shape().tokenDim());
        assertEquals(32, task.shape().outputDim());
        int longest = 30 + 2 + 4;
        for (PathExample e : task.evaluationExamples()) {
            longest = Math.max(longest, e.length());
        }
        assertEquals(longest, task.shape().maxLength());
        // Blocks a model's config names (value-copies): the parent, child and node rows of each symbol, and the flags.
        assertEquals(List.of(new TokenBlock("parent", 0, 32), new TokenBlock("child", 32, 64), new TokenBlock("node", 64, 96),
                new TokenBlock("edge-flag", 96, 97), new TokenBlock("node-flag", 97, 98)), task.shape().blocks());
    }

    @Test
    void handSetBackwardModelDecodesEveryPathExactly() {
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 200), 2);
        Evaluation evaluation = task.evaluate(AttentionConstruction.backward(task.layout(), 30, 40, true), 200);
        assertEquals(1.0, evaluation.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
        assertEquals(1.0, evaluation.metrics().get(TreePathTask.STEP_ACCURACY));
        // Logit margin 40 over 31 rivals: the cross-entropy is about 31·e^−40 per token.
        assertTrue(evaluation.loss() < 1e-12, "loss " + evaluation.loss());
        assertEquals(200, evaluation.prompts());
    }

    @Test
    void handSetForwardModelWithTwoHeadsDecodesEveryPathExactly() {
        TreePathTask task = new TreePathTask(settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 200), 3);
        Evaluation evaluation = task.evaluate(AttentionConstruction.forward(task.layout()), 200);
        assertEquals(1.0, evaluation.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
        assertEquals(1.0, evaluation.metrics().get(TreePathTask.STEP_ACCURACY));
    }

    @Test
    void brokenModelsFailAndTheAccuraciesSaySo() {
        TreePathTask backward = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 200), 2);
        // Reading the child block repeats the current node: never a right step.
        Evaluation copying = backward.evaluate(AttentionConstruction.backward(backward.layout(), 30, 40, false), 200);
        assertEquals(0.0, copying.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
        assertEquals(0.0, copying.metrics().get(TreePathTask.STEP_ACCURACY));

        TreePathTask forward = new TreePathTask(settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 200), 3);
        // Only the way up: right until the stage token, then stuck.
        Evaluation upOnly = forward.evaluate(AttentionConstruction.forwardUpHeadOnly(forward.layout()), 200);
        assertEquals(0.0, upOnly.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
        double steps = upOnly.metrics().get(TreePathTask.STEP_ACCURACY);
        assertTrue(steps > 0.3 && steps < 0.7, "the up head gets the first half of the steps right: " + steps);
        // The backward model on the forward task climbs right, then at the stage token has no parent to copy.
        Evaluation climbing = forward.evaluate(AttentionConstruction.backward(forward.layout(), 30, 40, true), 200);
        assertEquals(0.0, climbing.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
    }

    @Test
    void greedyDecodingFeedsBackTheModelsOwnOutputs() {
        // A model that errs only when it decodes from the bare prompt: teacher forcing (which reads the goal's
        // column inside the whole sequence) never sees the error, greedy decoding fails every path.
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 200), 2);
        Model perfect = AttentionConstruction.backward(task.layout(), 30, 40, true);
        Model wrongFromTheBarePrompt = new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                Tensor out = perfect.forward(tape, z, firstOutput);
                // Decoding's first step: the goal's column is the last; answer symbol 0 or 1, whichever is wrong.
                if (firstOutput == z.cols() - 1 && isGoalColumn(z, firstOutput, task.layout())) {
                    for (int b = 0; b < out.batch(); b++) {
                        int best = out.get(b, 0, 0) > out.get(b, 1, 0) ? 1 : 0;
                        out.set(b, best, 0, 1e3);
                    }
                }
                return out;
            }

            @Override
            public List<Parameter> parameters() {
                return perfect.parameters();
            }
        };
        Evaluation evaluation = task.evaluate(wrongFromTheBarePrompt, 200);
        assertEquals(0.0, evaluation.metrics().get(TreePathTask.EXACT_PATH_ACCURACY));
        assertEquals(1.0, evaluation.metrics().get(TreePathTask.STEP_ACCURACY));
    }

    private static boolean isGoalColumn(Tensor z, int col, TokenLayout layout) {
        // The goal is the first node token: the column before it is the root token, an edge.
        return z.get(0, layout.nodeFlag(), col) == 1.0 && z.get(0, layout.edgeFlag(), col - 1) == 1.0;
    }

    @Test
    void lossesAreMeansPerSupervisedToken() {
        Model silent = new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                return tape.constant(26, z.cols() - firstOutput, z.batch());
            }

            @Override
            public List<Parameter> parameters() {
                return List.of();
            }
        };
        for (PathDirection direction : PathDirection.values()) {
            TreePathTask crossEntropy = new TreePathTask(settings(direction, 3, 25, PathLoss.CROSS_ENTROPY, 100), 4);
            TreePathTask squared = new TreePathTask(settings(direction, 3, 25, PathLoss.SQUARED, 100), 4);
            // All-zero logits: uniform over 26 symbols, so log 26 per token; the squared distance to a one-hot is 1.
            assertEquals(Math.log(26), crossEntropy.evaluate(silent, 100).loss(), 1e-12);
            assertEquals(1.0, squared.evaluate(silent, 100).loss(), 1e-12);
            assertEquals(Math.log(26), crossEntropy.trainingLoss(Tape.forTraining(), silent, new SplittableRandom(1), 8).data()[0], 1e-12);
            assertEquals(1.0, squared.trainingLoss(Tape.forTraining(), silent, new SplittableRandom(1), 8).data()[0], 1e-12);
        }
    }

    @Test
    void squaredLossOfAModelWritingOneHotsIsZero() {
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.SQUARED, 100), 5);
        // Readout scale 1 and sharp attention: the output column is the next symbol's one-hot.
        Model model = AttentionConstruction.backward(task.layout(), 60, 1, true);
        assertTrue(task.evaluate(model, 100).loss() < 1e-20);
        assertTrue(task.trainingLoss(Tape.forTraining(), model, new SplittableRandom(2), 16).data()[0] < 1e-20);
        // The same outputs under cross-entropy: logit 1 against 0 for 31 rivals, −log(e/(e+31)) per token.
        TreePathTask crossEntropy = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 100), 5);
        assertEquals(Math.log((Math.E + 31) / Math.E), crossEntropy.evaluate(model, 100).loss(), 1e-9);
    }

    @Test
    void trainingLossGradientReachesTheModel() {
        TreePathTask task = new TreePathTask(settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 10), 6);
        AttentionConstruction model = AttentionConstruction.forward(task.layout());
        Tape tape = Tape.forTraining();
        tape.backward(task.trainingLoss(tape, model, new SplittableRandom(3), 4));
        double norm = 0;
        for (Parameter p : model.parameters()) {
            for (double g : p.grad().data) {
                norm += g * g;
            }
        }
        assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm² " + norm);
    }

    @Test
    void factoryReadsTheBlockAndChecksRanges() {
        TreePathSettings s = TreePathSettings.from(block("mode = forward, depth = 3, vocabulary = 25, loss = squared"));
        assertEquals(PathDirection.FORWARD, s.direction());
        assertEquals(PathLoss.SQUARED, s.loss());
        assertEquals(1024, s.evalTrees());
        InvalidSettingException small = assertThrows(InvalidSettingException.class,
                () -> TreePathSettings.from(block("depth = 4, vocabulary = 20")));
        assertTrue(small.getMessage().contains("task.vocabulary"), small.getMessage());
        assertThrows(InvalidSettingException.class, () -> TreePathSettings.from(block("mode = sideways")));
        assertThrows(InvalidSettingException.class, () -> TreePathSettings.from(block("eval-min-depth = 3, eval-max-depth = 2")));
        assertThrows(InvalidSettingException.class, () -> TreePathSettings.from(block("loss = hinge")));
        assertEquals(List.of(TreePathTask.EXACT_PATH_ACCURACY, TreePathTask.STEP_ACCURACY),
                new TreePathFactory().create(block(""), 1).reportedMetrics());
    }

    private static Settings block(String overrides) {
        var defaults = ConfigFactory.parseResources("reference.conf").getConfig("icl.defaults.task.tree-path");
        return new Settings(ConfigFactory.parseString(overrides).withFallback(defaults), "task");
    }

    @Test
    void taskHasNoTheoryButReportsItsAccuracies() {
        TreePathTask task = new TreePathTask(settings(PathDirection.BACKWARD, 2, 7, PathLoss.CROSS_ENTROPY, 5), 7);
        assertTrue(task.theory().isEmpty());
        Model plain = new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                return z;
            }

            @Override
            public List<Parameter> parameters() {
                return List.of();
            }
        };
        assertEquals(Map.of(), task.inspect(plain), "a model without attention maps gets no reading");
    }

    @Test
    void attentionReadingNamesEachHeadsRole() {
        TreePathTask backward = new TreePathTask(settings(PathDirection.BACKWARD, 4, 31, PathLoss.CROSS_ENTROPY, 100), 8);
        Map<String, Object> one = backward.inspect(AttentionConstruction.backward(backward.layout(), 30, 40, true));
        assertEquals(1.0, (Double) one.get("head1.up.parent_edge"), 1e-9, "node self-matching " + one);
        assertEquals("parent_edge", one.get("head1.up.mostly"));
        assertFalse(one.containsKey("head1.down.parent_edge"), "backward has no way down");
        assertFalse(one.containsKey("head1.up.stage_token"), "nor a stage token");

        TreePathTask forward = new TreePathTask(settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 100), 8);
        Map<String, Object> two = forward.inspect(AttentionConstruction.forward(forward.layout()));
        assertEquals("parent_edge", two.get("head1.up.mostly"));
        assertEquals("stage_token", two.get("head1.down.mostly"));
        assertEquals("child_edges", two.get("head2.down.mostly"));
        assertTrue((Double) two.get("head1.up.parent_edge") > 0.99, two.toString());
        assertTrue((Double) two.get("head1.down.stage_token") > 0.99, two.toString());
        double shares = 0;
        for (String kind : AttentionReading.KINDS) {
            shares += (Double) two.get("head2.down." + kind);
        }
        assertEquals(1.0, shares, 1e-9, "the shares of a stage add up to one");
    }

    @Test
    void showcasePromptsAreTheLongestEvaluationTreesLabelledByToken() {
        TreePathTask task = new TreePathTask(settings(PathDirection.FORWARD, 3, 25, PathLoss.CROSS_ENTROPY, 100), 9);
        var prompts = task.showcasePrompts(3);
        assertEquals(3, prompts.size());
        int longest = task.evaluationExamples().stream().mapToInt(PathExample::steps).max().orElseThrow();
        for (var prompt : prompts) {
            assertEquals(prompt.tokens().cols(), prompt.columnLabels().size());
            assertTrue(prompt.columnLabels().get(prompt.firstQuery()).startsWith("goal "), prompt.columnLabels().toString());
            assertEquals(longest, prompt.tokens().cols() - prompt.firstQuery(), "steps of the longest chain of thought");
        }
    }
}
