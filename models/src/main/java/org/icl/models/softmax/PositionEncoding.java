package org.icl.models.softmax;

/** How the softmax-attention model tells positions apart. */
public enum PositionEncoding {
    /** No positional information: the model sees only the tokens and the causal order. */
    NONE,
    /** A one-hot of the position appended below each token: the stream widens by the task's maximum length. */
    ONE_HOT,
    /** A trainable vector per position added to each token. */
    LEARNED;
}
