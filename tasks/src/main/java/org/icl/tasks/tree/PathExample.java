package org.icl.tasks.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tensor;

/**
 * One prompt of the tree-path task and its chain of thought. The sequence is: the tree's edges as
 * (parent, child) tokens in a random order, the root token (top, root), the goal's node token, and
 * then, teacher-forced, every target but the last as a node token. The model's outputs are read from
 * the goal's column on: output t must be {@code targets()[t]}.
 *
 * <p>Targets, with p1 the goal's parent and so on up to the root: backward p1 … root top; forward
 * p1 … root top root … goal (up, the stage token, and back down).
 */
final class PathExample {

    private final Tree tree;
    private final int goal;
    /** Children in the order their edges (parent, child) appear. */
    private final int[] edgeOrder;
    private final TokenLayout layout;
    private final int[] targets;

    PathExample(Tree tree, int goal, int[] edgeOrder, PathDirection direction, TokenLayout layout) {
        if (tree.childCount(goal) != 0 || goal == 0) {
            throw new IllegalArgumentException("the goal must be a leaf below the root");
        }
        this.tree = tree;
        this.goal = goal;
        this.edgeOrder = edgeOrder.clone();
        this.layout = layout;
        int top = layout.top();
        int[] up = tree.pathToRoot(goal);
        int count = direction == PathDirection.BACKWARD ? up.length : 2 * up.length;
        targets = new int[count];
        for (int i = 1; i < up.length; i++) {
            targets[i - 1] = tree.label(up[i]);
        }
        targets[up.length - 1] = top;
        if (direction == PathDirection.FORWARD) {
            for (int i = 0; i < up.length; i++) {
                targets[up.length + i] = tree.label(up[up.length - 1 - i]);
            }
        }
    }

    /** A goal leaf and an edge order drawn uniformly for {@code tree}. */
    static PathExample draw(Tree tree, PathDirection direction, TokenLayout layout, RandomGenerator random) {
        int[] leaves = tree.leaves();
        int goal = leaves[random.nextInt(leaves.length)];
        int[] order = new int[tree.size() - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i + 1;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new PathExample(tree, goal, order, direction, layout);
    }

    Tree tree() {
        return tree;
    }

    int goal() {
        return goal;
    }

    int edges() {
        return edgeOrder.length;
    }

    /** The symbols the model must emit, one per output column. */
    int[] targets() {
        return targets.clone();
    }

    int target(int step) {
        return targets[step];
    }

    int steps() {
        return targets.length;
    }

    /** Columns of the prompt: edges, root, goal. */
    int promptLength() {
        return edgeOrder.length + 2;
    }

    /** Columns of the teacher-forced sequence. */
    int length() {
        return promptLength() + targets.length - 1;
    }

    /** The goal's column, the first whose output is read. */
    int firstQuery() {
        return promptLength() - 1;
    }

    /** The symbol of the node token at column {@code col}: the goal, or a chain-of-thought token. */
    int nodeAt(int col) {
        return col == firstQuery() ? tree.label(goal) : targets[col - promptLength()];
    }

    /** The parent symbol of the edge token at column {@code col} (top for the root token). */
    int edgeParent(int col) {
        return col == edgeOrder.length ? layout.top() : tree.label(tree.parent(edgeOrder[col]));
    }

    /** The child symbol of the edge token at column {@code col} (the root for the root token). */
    int edgeChild(int col) {
        return col == edgeOrder.length ? tree.label(0) : tree.label(edgeOrder[col]);
    }

    /** The column of the stage token top in the teacher-forced sequence; past the end for backward, which never feeds it. */
    int stageColumn() {
        for (int t = 0; t < targets.length - 1; t++) {
            if (targets[t] == layout.top()) {
                return promptLength() + t;
            }
        }
        return length();
    }

    /** Writes the first {@code columns} columns of the teacher-forced sequence into matrix b of z (zero there). */
    void write(Tensor z, int b, int columns) {
        for (int col = 0; col < columns; col++) {
            if (col < firstQuery()) {
                layout.writeEdge(z, b, col, edgeParent(col), edgeChild(col));
            } else {
                layout.writeNode(z, b, col, nodeAt(col));
            }
        }
    }

    /** Names of the teacher-forced sequence's tokens: "p>c" for edges, "top>r" for the root, "goal g", then the symbols. */
    List<String> tokenNames() {
        List<String> names = new ArrayList<>();
        for (int col = 0; col < firstQuery(); col++) {
            names.add(layout.name(edgeParent(col)) + ">" + edgeChild(col));
        }
        names.add("goal " + tree.label(goal));
        for (int t = 0; t < targets.length - 1; t++) {
            names.add(layout.name(targets[t]));
        }
        return names;
    }
}
