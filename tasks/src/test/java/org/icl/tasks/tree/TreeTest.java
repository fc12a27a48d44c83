package org.icl.tasks.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Checks the two tree samplers: perfect binary training trees and the branching evaluation trees. */
class TreeTest {

    @Test
    void perfectBinaryTreeHasTwoChildrenAboveTheLastLevelAndDistinctLabels() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 50; trial++) {
            Tree tree = Tree.perfectBinary(4, 40, random);
            assertEquals(31, tree.size());
            assertEquals(4, tree.height());
            assertTrue(tree.isPerfectBinary(4));
            assertEquals(16, tree.leaves().length);
            for (int node = 0; node < tree.size(); node++) {
                assertEquals(tree.depth(node) < 4 ? 2 : 0, tree.childCount(node));
            }
            assertDistinctLabelsBelow(tree, 40);
        }
    }

    @Test
    void perfectBinaryTreeOfTheWholeVocabularyUsesEveryLabel() {
        Tree tree = Tree.perfectBinary(4, 31, new SplittableRandom(2));
        Set<Integer> labels = new HashSet<>();
        for (int node = 0; node < tree.size(); node++) {
            labels.add(tree.label(node));
        }
        assertEquals(31, labels.size());
    }

    @Test
    void labelsAreSpreadOverTheVocabulary() {
        SplittableRandom random = new SplittableRandom(3);
        int[] rootLabels = new int[31];
        for (int trial = 0; trial < 3100; trial++) {
            rootLabels[Tree.perfectBinary(2, 31, random).label(0)]++;
        }
        // Each label is the root about 100 times (binomial sd ≈ 10): all between 50 and 150.
        for (int count : rootLabels) {
            assertTrue(count > 50 && count < 150, "root label counts " + java.util.Arrays.toString(rootLabels));
        }
    }

    @Test
    void branchingTreesHaveTheAskedHeightAtMostThreeChildrenAndFitTheVocabulary() {
        SplittableRandom random = new SplittableRandom(4);
        Set<Integer> childCounts = new HashSet<>();
        for (int trial = 0; trial < 400; trial++) {
            int height = 1 + trial % 5;
            Tree tree = Tree.branching(height, 1, 3, 31, 4, random);
            assertEquals(height, tree.height());
            assertTrue(tree.size() <= 31, "size " + tree.size());
            assertFalse(tree.isPerfectBinary(4));
            for (int node = 0; node < tree.size(); node++) {
                assertTrue(tree.childCount(node) <= 3);
                childCounts.add(tree.childCount(node));
            }
            assertDistinctLabelsBelow(tree, 31);
        }
        assertEquals(Set.of(0, 1, 2, 3), childCounts, "every number of children 0–3 occurs");
    }

    @Test
    void theExcludedPerfectShapeIsNeverDrawn() {
        // With at most two children and a spine, height 1 leaves two shapes: one child or two (perfect of depth 1).
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            Tree tree = Tree.branching(1, 1, 2, 10, 1, random);
            assertEquals(2, tree.size());
        }
    }

    @Test
    void aLeastNumberOfChildrenLeavesNoSingleChildNodes() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Integer> childCounts = new HashSet<>();
        for (int trial = 0; trial < 200; trial++) {
            Tree tree = Tree.branching(1 + trial % 3, 2, 3, 31, 0, random);
            for (int node = 0; node < tree.size(); node++) {
                childCounts.add(tree.childCount(node));
            }
        }
        assertEquals(Set.of(0, 2, 3), childCounts);
    }

    @Test
    void anImpossibleRequestFailsInsteadOfLooping() {
        // Height 5 needs 6 nodes, more than the 4 labels.
        assertThrows(IllegalStateException.class, () -> Tree.branching(5, 1, 3, 4, 0, new SplittableRandom(6)));
    }

    @Test
    void pathToRootClimbsParentByParent() {
        Tree tree = new Tree(new int[] {7, 3, 9, 4, 1}, new int[] {-1, 0, 0, 1, 3});
        assertArrayEquals(new int[] {4, 3, 1, 0}, tree.pathToRoot(4));
        assertArrayEquals(new int[] {2, 4}, tree.leaves());
        assertEquals(3, tree.height());
    }

    private static void assertDistinctLabelsBelow(Tree tree, int vocabulary) {
        Set<Integer> labels = new HashSet<>();
        for (int node = 0; node < tree.size(); node++) {
            assertTrue(tree.label(node) >= 0 && tree.label(node) < vocabulary);
            labels.add(tree.label(node));
        }
        assertEquals(tree.size(), labels.size(), "labels are distinct");
    }
}
