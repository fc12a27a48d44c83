package org.icl.tasks.tree;

import java.util.Locale;
import java.util.Set;

import org.icl.api.config.Settings;

/**
 * Settings of the tree path-finding task (Yang, Huang, Liang &amp; Chi, NeurIPS 2025; SCIENCE.md §4).
 *
 * @param direction        backward (goal → root) or forward (goal → root → goal)
 * @param depth            depth of the perfect binary training trees
 * @param vocabulary       S, the number of node labels; a tree's labels are drawn from [S] without replacement
 * @param loss             cross-entropy or the squared loss on the next symbol's one-hot
 * @param evalTrees        held-out evaluation trees
 * @param evalMinDepth     least height of an evaluation tree
 * @param evalMaxDepth     greatest height of an evaluation tree
 * @param evalMinChildren  least number of children of an evaluation tree's inner node
 * @param evalMaxChildren  greatest number of children of an evaluation tree's node
 */
public record TreePathSettings(PathDirection direction, int depth, int vocabulary, PathLoss loss, int evalTrees,
                               int evalMinDepth, int evalMaxDepth, int evalMinChildren, int evalMaxChildren) {

    /** Reads and range-checks the task block. */
    public static TreePathSettings from(Settings s) {
        PathDirection direction = PathDirection.valueOf(s.oneOf("mode", Set.of("backward", "forward")).toUpperCase(Locale.ROOT));
        int depth = s.intBetween("depth", 1, 12);
        int vocabulary = s.intBetween("vocabulary", 2, 4096);
        if ((1 << (depth + 1)) - 1 > vocabulary) {
            throw s.invalid("vocabulary", "at least the " + ((1 << (depth + 1)) - 1) + " nodes of a perfect binary tree of depth " + depth);
        }
        PathLoss loss = PathLoss.valueOf(s.oneOf("loss", Set.of("cross-entropy", "squared")).toUpperCase(Locale.ROOT).replace('-', '_'));
        int minDepth = s.intBetween("eval-min-depth", 1, vocabulary - 1);
        int maxDepth = s.intBetween("eval-max-depth", minDepth, vocabulary - 1);
        int minChildren = s.intBetween("eval-min-children", 1, vocabulary - 1);
        int maxChildren = s.intBetween("eval-max-children", minChildren, vocabulary - 1);
        return new TreePathSettings(direction, depth, vocabulary, loss, s.intAtLeast("eval-trees", 1), minDepth, maxDepth,
                minChildren, maxChildren);
    }
}
