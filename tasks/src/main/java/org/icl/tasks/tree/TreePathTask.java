package org.icl.tasks.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Evaluation;
import org.icl.api.task.LabelledPrompt;
import org.icl.api.task.Task;
import org.icl.api.task.TaskShape;

/**
 * Path-finding in trees with chain of thought (SCIENCE.md §4). Training prompts are random perfect
 * binary trees; evaluation uses random trees of other shapes, decoded greedily from the model's own
 * outputs. See {@link PathExample} for the sequence and {@link TokenLayout} for the token rows.
 */
public final class TreePathTask implements Task {

    static final String EXACT_PATH_ACCURACY = "exact_path_accuracy";
    static final String STEP_ACCURACY = "step_accuracy";

    private final TreePathSettings settings;
    private final TokenLayout layout;
    private final List<PathExample> evaluation;
    private final TaskShape shape;

    public TreePathTask(TreePathSettings settings, long seed) {
        this.settings = settings;
        this.layout = new TokenLayout(settings.vocabulary());
        RandomGenerator random = Seeds.stream(seed, "task.evaluation");
        List<PathExample> examples = new ArrayList<>();
        int longest = trainingExample(random).length();
        for (int i = 0; i < settings.evalTrees(); i++) {
            int height = settings.evalMinDepth() + random.nextInt(settings.evalMaxDepth() - settings.evalMinDepth() + 1);
            // Training sees only perfect binary trees of its depth: excluding that shape keeps every evaluation tree unseen.
            Tree tree = Tree.branching(height, settings.evalMinChildren(), settings.evalMaxChildren(), settings.vocabulary(),
                    settings.depth(), random);
            PathExample example = PathExample.draw(tree, settings.direction(), layout, random);
            examples.add(example);
            longest = Math.max(longest, example.length());
        }
        this.evaluation = List.copyOf(examples);
        int trainingEdges = (1 << (settings.depth() + 1)) - 2;
        this.shape = new TaskShape(layout.rows(), longest, layout.symbols(), trainingEdges, layout.blocks());
    }

    public TreePathSettings settings() {
        return settings;
    }

    @Override
    public TaskShape shape() {
        return shape;
    }

    /** A random perfect binary tree of the training depth with its goal and edge order. */
    private PathExample trainingExample(RandomGenerator random) {
        Tree tree = Tree.perfectBinary(settings.depth(), settings.vocabulary(), random);
        return PathExample.draw(tree, settings.direction(), layout, random);
    }

    @Override
    public Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        List<PathExample> batch = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            batch.add(trainingExample(random));
        }
        Tensor z = teacherForced(tape, batch);
        Tensor output = model.forward(tape, z, batch.get(0).firstQuery());
        return loss(tape, output, targets(batch));
    }

    @Override
    public Evaluation evaluate(Model model, int prompts) {
        int count = Math.min(prompts, evaluation.size());
        Tape tape = Tape.forInference();
        double lossSum = 0;
        long steps = 0;
        long correctSteps = 0;
        int exact = 0;
        for (List<PathExample> group : sameLength(count)) {
            Tensor z = teacherForced(tape, group);
            Tensor output = model.forward(tape, z, group.get(0).firstQuery());
            int[] targets = targets(group);
            lossSum += loss(tape, output, targets).data()[0] * targets.length;
            int[] predicted = argmax(output);
            for (int i = 0; i < targets.length; i++) {
                correctSteps += predicted[i] == targets[i] ? 1 : 0;
            }
            steps += targets.length;
            exact += decodeExactly(tape, model, z, group);
            tape.reset();
        }
        return new Evaluation(lossSum / steps, count, Map.of(
                EXACT_PATH_ACCURACY, exact / (double) count,
                STEP_ACCURACY, correctSteps / (double) steps));
    }

    /**
     * Greedy decoding from the prompt: each step appends the model's own most likely symbol as a node
     * token and reads the next output from the last column only. Returns how many of the group's
     * sequences come out exactly as their targets, stop symbol included.
     */
    private int decodeExactly(Tape tape, Model model, Tensor teacherForced, List<PathExample> group) {
        int batch = group.size();
        int steps = group.get(0).steps();
        Tensor sequence = tape.sliceCols(teacherForced, 0, group.get(0).promptLength());
        boolean[] right = new boolean[batch];
        java.util.Arrays.fill(right, true);
        for (int t = 0; t < steps; t++) {
            int[] emitted = argmax(model.forward(tape, sequence, sequence.cols() - 1));
            for (int b = 0; b < batch; b++) {
                right[b] &= emitted[b] == group.get(b).target(t);
            }
            if (t + 1 < steps) {
                Tensor next = tape.constant(layout.rows(), 1, batch);
                for (int b = 0; b < batch; b++) {
                    layout.writeNode(next, b, 0, emitted[b]);
                }
                sequence = tape.concatCols(sequence, next);
            }
        }
        int exact = 0;
        for (boolean r : right) {
            exact += r ? 1 : 0;
        }
        return exact;
    }

    /** The first {@code count} evaluation examples grouped by sequence length and steps, so each group is one batch without padding. */
    private List<List<PathExample>> sameLength(int count) {
        Map<Long, List<PathExample>> groups = new TreeMap<>();
        for (PathExample e : evaluation.subList(0, count)) {
            groups.computeIfAbsent(((long) e.edges() << 32) | e.steps(), k -> new ArrayList<>()).add(e);
        }
        return new ArrayList<>(groups.values());
    }

    private Tensor teacherForced(Tape tape, List<PathExample> examples) {
        int length = examples.get(0).length();
        Tensor z = tape.constant(layout.rows(), length, examples.size());
        for (int b = 0; b < examples.size(); b++) {
            examples.get(b).write(z, b, length);
        }
        return z;
    }

    /** Targets column by column, matrix by matrix: {@code targets[b·steps + t]}. */
    private static int[] targets(List<PathExample> examples) {
        int steps = examples.get(0).steps();
        int[] targets = new int[examples.size() * steps];
        for (int b = 0; b < examples.size(); b++) {
            for (int t = 0; t < steps; t++) {
                targets[b * steps + t] = examples.get(b).target(t);
            }
        }
        return targets;
    }

    /** The loss averaged over the supervised tokens (every output column here). */
    Tensor loss(Tape tape, Tensor output, int[] targets) {
        if (output.rows() != layout.symbols()) {
            throw new IllegalArgumentException("tree-path needs " + layout.symbols() + " output rows (one per symbol), the model gave "
                    + output.rows() + ": it must honour TaskShape.outputDim");
        }
        return switch (settings.loss()) {
            case CROSS_ENTROPY -> tape.crossEntropyPerToken(output, targets);
            case SQUARED -> {
                Tensor oneHot = tape.constant(output.rows(), output.cols(), output.batch());
                boolean[] supervised = new boolean[targets.length];
                for (int c = 0; c < targets.length; c++) {
                    oneHot.data()[c * output.rows() + targets[c]] = 1.0;
                    supervised[c] = true;
                }
                yield tape.squaredErrorPerToken(output, oneHot, supervised);
            }
        };
    }

    /** The most likely symbol of every column (the first on ties). */
    private static int[] argmax(Tensor output) {
        int rows = output.rows();
        int[] best = new int[output.cols() * output.batch()];
        double[] data = output.data();
        for (int c = 0; c < best.length; c++) {
            for (int r = 1; r < rows; r++) {
                if (data[c * rows + r] > data[c * rows + best[c]]) {
                    best[c] = r;
                }
            }
        }
        return best;
    }

    /** For a model that shows its attention: what each head attends to, on every evaluation tree. */
    @Override
    public Map<String, Object> inspect(Model model) {
        if (!(model instanceof AttentionMaps maps)) {
            return Map.of();
        }
        return AttentionReading.read(maps, sameLength(evaluation.size()), layout);
    }

    /** The first evaluation trees among those with the longest chain of thought, labelled token by token. */
    @Override
    public List<LabelledPrompt> showcasePrompts(int count) {
        List<PathExample> longest = evaluation.stream()
                .sorted(Comparator.comparingInt(PathExample::steps).reversed()).limit(count).toList();
        List<LabelledPrompt> prompts = new ArrayList<>();
        for (PathExample e : longest) {
            Tensor tokens = Tensor.wrap(layout.rows(), e.length(), 1, new double[layout.rows() * e.length()]);
            e.write(tokens, 0, e.length());
            prompts.add(new LabelledPrompt("tree" + (prompts.size() + 1), tokens, e.tokenNames(), e.firstQuery()));
        }
        return prompts;
    }

    @Override
    public int evaluationPrompts() {
        return evaluation.size();
    }

    @Override
    public List<String> reportedMetrics() {
        return List.of(EXACT_PATH_ACCURACY, STEP_ACCURACY);
    }

    @Override
    public List<String> tokenLabels() {
        return layout.rowLabels();
    }

    /** The evaluation examples, for tests and reports. */
    List<PathExample> evaluationExamples() {
        return evaluation;
    }

    TokenLayout layout() {
        return layout;
    }
}
