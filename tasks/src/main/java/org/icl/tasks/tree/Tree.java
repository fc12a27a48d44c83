package org.icl.tasks.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A rooted tree whose nodes carry distinct labels from a vocabulary [S]. Nodes are numbered in
 * breadth-first order, node 0 being the root; {@code parents[i]} is node i's parent (−1 for the root).
 */
final class Tree {

    /** Tries before the sampler of evaluation trees gives up on settings it can hardly satisfy. */
    private static final int ATTEMPTS = 100_000;

    private final int[] labels;
    private final int[] parents;
    private final int[] depths;
    private final int[] childCounts;

    Tree(int[] labels, int[] parents) {
        if (labels.length != parents.length || parents.length == 0 || parents[0] != -1) {
            throw new IllegalArgumentException("a tree needs one label and one parent per node, node 0 the root");
        }
        this.labels = labels.clone();
        this.parents = parents.clone();
        this.depths = new int[parents.length];
        this.childCounts = new int[parents.length];
        for (int i = 1; i < parents.length; i++) {
            if (parents[i] < 0 || parents[i] >= i) {
                throw new IllegalArgumentException("node " + i + " must have an earlier node as parent, not " + parents[i]);
            }
            depths[i] = depths[parents[i]] + 1;
            childCounts[parents[i]]++;
        }
    }

    /** A perfect binary tree of the given depth (2^(depth+1) − 1 nodes) with labels drawn from [vocabulary] without replacement. */
    static Tree perfectBinary(int depth, int vocabulary, RandomGenerator random) {
        int size = (1 << (depth + 1)) - 1;
        int[] parents = new int[size];
        parents[0] = -1;
        for (int i = 1; i < size; i++) {
            parents[i] = (i - 1) / 2;
        }
        return new Tree(distinctLabels(size, vocabulary, random), parents);
    }

    /**
     * A random tree of height exactly {@code height} with at most {@code vocabulary} nodes, built level by
     * level: each node on a spine of {@code height} edges from the root gets minChildren to maxChildren
     * children uniformly, one of them (uniformly chosen) continuing the spine; every other node above the
     * last level gets 0 or minChildren to maxChildren children, uniformly over those counts. A tree with more
     * nodes than labels, or of the excluded perfect binary shape (depth {@code excludedPerfectDepth}; 0
     * excludes nothing), is drawn again.
     */
    static Tree branching(int height, int minChildren, int maxChildren, int vocabulary, int excludedPerfectDepth,
                          RandomGenerator random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Integer> parents = new ArrayList<>(List.of(-1));
            List<Integer> depths = new ArrayList<>(List.of(0));
            int spine = 0;
            boolean fits = true;
            for (int node = 0; node < parents.size() && fits; node++) {
                if (depths.get(node) == height) {
                    continue;
                }
                boolean onSpine = node == spine;
                int spread = maxChildren - minChildren + 1;
                int draw = onSpine ? 1 + random.nextInt(spread) : random.nextInt(spread + 1);
                int children = draw == 0 ? 0 : minChildren + draw - 1;
                int next = onSpine ? random.nextInt(children) : -1;
                for (int c = 0; c < children; c++) {
                    if (c == next) {
                        spine = parents.size();
                    }
                    parents.add(node);
                    depths.add(depths.get(node) + 1);
                }
                fits = parents.size() <= vocabulary;
            }
            if (!fits) {
                continue;
            }
            int[] parentArray = parents.stream().mapToInt(Integer::intValue).toArray();
            Tree tree = new Tree(distinctLabels(parentArray.length, vocabulary, random), parentArray);
            if (excludedPerfectDepth == 0 || !tree.isPerfectBinary(excludedPerfectDepth)) {
                return tree;
            }
        }
        throw new IllegalStateException("no tree of height " + height + " with " + minChildren + " to " + maxChildren
                + " children per inner node fits " + vocabulary + " labels in " + ATTEMPTS + " tries");
    }

    /** {@code count} distinct labels from [vocabulary], in random order (a partial Fisher–Yates shuffle). */
    private static int[] distinctLabels(int count, int vocabulary, RandomGenerator random) {
        int[] pool = new int[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(vocabulary - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return java.util.Arrays.copyOf(pool, count);
    }

    int size() {
        return labels.length;
    }

    int label(int node) {
        return labels[node];
    }

    int parent(int node) {
        return parents[node];
    }

    int depth(int node) {
        return depths[node];
    }

    int childCount(int node) {
        return childCounts[node];
    }

    /** The greatest depth of a node. */
    int height() {
        int height = 0;
        for (int d : depths) {
            height = Math.max(height, d);
        }
        return height;
    }

    /** Nodes without children, in breadth-first order. */
    int[] leaves() {
        int count = 0;
        int[] leaves = new int[size()];
        for (int i = 0; i < size(); i++) {
            if (childCounts[i] == 0) {
                leaves[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(leaves, count);
    }

    /** Nodes from {@code node} up to the root, both included. */
    int[] pathToRoot(int node) {
        int[] path = new int[depths[node] + 1];
        for (int i = 0, n = node; i < path.length; i++, n = parents[n]) {
            path[i] = n;
        }
        return path;
    }

    /** Whether every node above depth {@code depth} has two children and every node at it none. */
    boolean isPerfectBinary(int depth) {
        if (size() != (1 << (depth + 1)) - 1) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (childCounts[i] != (depths[i] < depth ? 2 : 0)) {
                return false;
            }
        }
        return true;
    }
}
