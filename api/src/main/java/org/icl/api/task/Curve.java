package org.icl.api.task;

import java.util.List;

/**
 * A loss as a function of one task variable, point by point: for example the evaluation loss against
 * the number of in-context examples, or a theory value against the number of gradient-descent steps.
 *
 * @param variable what x counts (e.g. "examples", "steps"); the column header when written out
 * @param x        the values of the variable, in order
 * @param y        the loss at each x
 */
public record Curve(String variable, List<Double> x, List<Double> y) {

    public Curve {
        x = List.copyOf(x);
        y = List.copyOf(y);
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("curve over " + variable + ": " + x.size() + " x values, " + y.size() + " y values");
        }
    }
}
