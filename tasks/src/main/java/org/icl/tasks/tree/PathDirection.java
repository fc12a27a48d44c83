package org.icl.tasks.tree;

/** Which way the chain of thought walks: up from the goal to the root, or up and then back down to the goal. */
public enum PathDirection {
    /** Goal → root: each step emits the parent of the current node, then {@code top} ends the walk. */
    BACKWARD,
    /** Goal → root, {@code top} (the stage token), then root → goal in the same autoregressive sequence. */
    FORWARD
}
