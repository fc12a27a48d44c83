package org.icl.api.task;

/**
 * What a task announces to the model: tokens are columns of {@code tokenDim} rows, sequences
 * have at most {@code maxLength} columns, the model writes {@code outputDim} rows per column, and
 * a prompt holds {@code contextSize} in-context examples (the 1/n of linear attention).
 *
 * @param tokenDim    rows of every input token
 * @param maxLength   the most columns a sequence reaches (prompt plus every generated step)
 * @param outputDim   rows the model writes per column: {@code tokenDim} for models whose output is
 *                    the next token (linear attention), a vocabulary size for logits
 * @param contextSize in-context examples per prompt
 */
public record TaskShape(int tokenDim, int maxLength, int outputDim, int contextSize) {

    /** Checks that every size is positive. */
    public TaskShape {
        if (tokenDim <= 0 || maxLength <= 0 || outputDim <= 0 || contextSize <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + this);
        }
    }
}
