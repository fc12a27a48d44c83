package org.icl.tasks.weights;

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
}
