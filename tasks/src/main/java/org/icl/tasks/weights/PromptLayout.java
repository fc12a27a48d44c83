package org.icl.tasks.weights;

import java.util.List;

import org.icl.api.task.TokenBlock;

/** Row blocks of a weight-prediction token: x (d rows) | y (1) | w (d) | const (1). */
record PromptLayout(int d) {

    int x() {
        return 0;
    }

    int y() {
        return d;
    }

    int w() {
        return d + 1;
    }

    int constant() {
        return 2 * d + 1;
    }

    int rows() {
        return 2 * d + 2;
    }

    /** The blocks as the task announces them to models: x, y, w, const. */
    List<TokenBlock> blocks() {
        return List.of(new TokenBlock("x", x(), y()), new TokenBlock("y", y(), w()),
                new TokenBlock("w", w(), constant()), new TokenBlock("const", constant(), rows()));
    }
}
