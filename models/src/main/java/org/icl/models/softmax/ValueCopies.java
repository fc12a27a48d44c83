package org.icl.models.softmax;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;
import org.icl.api.task.TokenBlock;

/**
 * Fixed value-output matrices given as copies between the task's token blocks, one entry per head:
 * {@code "parent>parent"} copies the parent rows of the attended tokens onto the parent rows of the
 * output, {@code "child>child + node>child"} adds the child and the node rows onto the child rows. The
 * heads then write distinct things by construction (the paper's restricted setup) and only the
 * key-query matrices and the readout are left to train.
 */
final class ValueCopies {

    /** The settings key. */
    static final String KEY = "value-copies";

    private ValueCopies() {
    }

    /**
     * Head h's value matrix on the token rows (column-major, {@code tokenDim × tokenDim}) for each head, or null when the
     * setting is empty. Fails naming the key on a count other than {@code heads}, a malformed entry,
     * an unknown block or blocks of different sizes.
     */
    static double[][] read(Settings settings, TaskShape shape, int heads) {
        int width = shape.tokenDim();
        List<String> specs = settings.strings(KEY);
        if (specs.isEmpty()) {
            return null;
        }
        if (specs.size() != heads) {
            throw settings.invalid(KEY, "one entry per head (" + heads + "), or [] for none; got " + specs.size());
        }
        double[][] values = new double[heads][width * width];
        for (int h = 0; h < heads; h++) {
            for (String term : specs.get(h).split("\\+", -1)) {
                String[] factors = term.split("\\*", -1);
                double gain = factors.length == 2 ? number(settings, factors[1]) : 1.0;
                String[] ends = factors[0].split(">", -1);
                if (ends.length != 2 || factors.length > 2) {
                    throw settings.invalid(KEY, "copies source>target joined by + (e.g. \"child>child + node>child\"), not '"
                            + specs.get(h) + "'");
                }
                TokenBlock from = block(settings, shape, ends[0]);
                TokenBlock to = block(settings, shape, ends[1]);
                int rows = from.to() - from.from();
                if (to.to() - to.from() != rows) {
                    throw settings.invalid(KEY, "blocks of equal size; " + from.name() + " has " + rows + " rows, "
                            + to.name() + " " + (to.to() - to.from()));
                }
                for (int i = 0; i < rows; i++) {
                    values[h][(from.from() + i) * width + to.from() + i] += gain;
                }
            }
        }
        return values;
    }

    private static double number(Settings settings, String text) {
        try {
            double gain = Double.parseDouble(text.trim());
            if (Double.isFinite(gain)) {
                return gain;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw settings.invalid(KEY, "a finite gain after *, not '" + text.trim() + "'");
    }

    private static TokenBlock block(Settings settings, TaskShape shape, String name) {
        Optional<TokenBlock> block = shape.block(name.trim());
        if (block.isEmpty()) {
            throw settings.invalid(KEY, "token blocks of the task ("
                    + (shape.blocks().isEmpty() ? "it announces none"
                    : shape.blocks().stream().map(TokenBlock::name).collect(Collectors.joining(", ")))
                    + "); '" + name.trim() + "' is not one");
        }
        return block.get();
    }
}
