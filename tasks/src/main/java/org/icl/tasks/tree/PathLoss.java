package org.icl.tasks.tree;

/** The per-token training and evaluation loss of the tree-path task. */
public enum PathLoss {
    /** Cross-entropy of the softmax of the model's output column against the next symbol. */
    CROSS_ENTROPY,
    /** Squared distance between the model's output column and the next symbol's one-hot (the paper's analysis). */
    SQUARED
}
