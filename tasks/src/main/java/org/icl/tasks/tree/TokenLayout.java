package org.icl.tasks.tree;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Tensor;
import org.icl.api.task.TokenBlock;

/**
 * Rows of a tree-path token, over the symbols 0..S−1 (node labels) and S ({@code top}, the virtual parent
 * of the root and the stage token): parent block (S+1 rows) | child block (S+1) | node block (S+1) |
 * edge flag | node flag. An edge token (p, c) is one-hot in the parent and child blocks with the edge
 * flag set; the root token is the edge (top, root); a node token (the goal and every chain-of-thought
 * token) is one-hot in the node block with the node flag set.
 */
record TokenLayout(int vocabulary) {

    /** Symbols the model can emit: the S labels and top. */
    int symbols() {
        return vocabulary + 1;
    }

    /** The symbol after the root when walking up: the root's virtual parent, which also marks the change of stage. */
    int top() {
        return vocabulary;
    }

    int parentRow(int symbol) {
        return symbol;
    }

    int childRow(int symbol) {
        return symbols() + symbol;
    }

    int nodeRow(int symbol) {
        return 2 * symbols() + symbol;
    }

    int edgeFlag() {
        return 3 * symbols();
    }

    int nodeFlag() {
        return 3 * symbols() + 1;
    }

    int rows() {
        return 3 * symbols() + 2;
    }

    /** Writes the edge token (parent, child) into column {@code col} of matrix b, which must be zero there. */
    void writeEdge(Tensor z, int b, int col, int parent, int child) {
        z.set(b, parentRow(parent), col, 1.0);
        z.set(b, childRow(child), col, 1.0);
        z.set(b, edgeFlag(), col, 1.0);
    }

    /** Writes the node token of {@code symbol} into column {@code col} of matrix b, which must be zero there. */
    void writeNode(Tensor z, int b, int col, int symbol) {
        z.set(b, nodeRow(symbol), col, 1.0);
        z.set(b, nodeFlag(), col, 1.0);
    }

    /** The named row blocks a model's config can refer to: parent, child, node, edge-flag, node-flag. */
    List<TokenBlock> blocks() {
        return List.of(new TokenBlock("parent", parentRow(0), childRow(0)), new TokenBlock("child", childRow(0), nodeRow(0)),
                new TokenBlock("node", nodeRow(0), edgeFlag()), new TokenBlock("edge-flag", edgeFlag(), nodeFlag()),
                new TokenBlock("node-flag", nodeFlag(), rows()));
    }

    /** A symbol's name: its label, or "top". */
    String name(int symbol) {
        return symbol == top() ? "top" : Integer.toString(symbol);
    }

    /** Names of the rows: p:&lt;symbol&gt;, c:&lt;symbol&gt;, n:&lt;symbol&gt;, edge, node. */
    List<String> rowLabels() {
        List<String> labels = new ArrayList<>();
        for (String block : new String[] {"p:", "c:", "n:"}) {
            for (int s = 0; s < symbols(); s++) {
                labels.add(block + name(s));
            }
        }
        labels.add("edge");
        labels.add("node");
        return labels;
    }
}
