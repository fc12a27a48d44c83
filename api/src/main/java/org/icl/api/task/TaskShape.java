package org.icl.api.task;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a task announces to the model: tokens are columns of {@code tokenDim} rows, sequences
 * have at most {@code maxLength} columns, the model writes {@code outputDim} rows per column, and
 * a prompt holds {@code contextSize} in-context examples (the 1/n of linear attention).
 * {@code blocks} names ranges of token rows (weight prediction: x, y, w, const), so that a model's
 * config can refer to them without the model knowing the task's layout; a task may announce none.
 *
 * @param tokenDim    rows of every input token
 * @param maxLength   the most columns a sequence reaches (prompt plus every generated step)
 * @param outputDim   rows the model writes per column: {@code tokenDim} for models whose output is
 *                    the next token (linear attention), a vocabulary size for logits
 * @param contextSize in-context examples per prompt
 */
public record TaskShape(int tokenDim, int maxLength, int outputDim, int contextSize, List<TokenBlock> blocks) {

    /** Checks that every size is positive. */
    public TaskShape {
        if (tokenDim <= 0 || maxLength <= 0 || outputDim <= 0 || contextSize <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + tokenDim + ", " + maxLength + ", "
                    + outputDim + ", " + contextSize);
        }
        blocks = List.copyOf(blocks);
        Set<String> names = new HashSet<>();
        for (TokenBlock block : blocks) {
            if (block.to() > tokenDim || !names.add(block.name())) {
                throw new IllegalArgumentException("block " + block + " is repeated or outside the " + tokenDim + " token rows");
            }
        }
    }

    /** A shape that names no token blocks. */
    public TaskShape(int tokenDim, int maxLength, int outputDim, int contextSize) {
        this(tokenDim, maxLength, outputDim, contextSize, List.of());
    }

    /** The block called {@code name}, if the task announces one. */
    public Optional<TokenBlock> block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
