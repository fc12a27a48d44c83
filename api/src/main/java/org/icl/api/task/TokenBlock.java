package org.icl.api.task;

/** A named range of token rows a task announces, rows {@code from} (inclusive) to {@code to} (exclusive), e.g. x = [0, d). */
public record TokenBlock(String name, int from, int to) {

    public TokenBlock {
        if (name == null || name.isBlank() || from < 0 || to <= from) {
            throw new IllegalArgumentException("a token block needs a name and rows 0 ≤ from < to: " + name + " [" + from + ", " + to + ")");
        }
    }

    /** Whether row r lies in the block. */
    public boolean contains(int r) {
        return r >= from && r < to;
    }
}
