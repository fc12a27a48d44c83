package org.icl.tasks.regression;

import org.icl.tasks.HandSetAttention;

/**
 * A linear self-attention set by hand to one GD step (von Oswald et al.): V(y, y) = η and W's x×x block = I,
 * all else zero, so the query's y-row becomes η x_qᵀ(1/n)Σ_j y_j x_j.
 */
final class OneStepConstruction extends HandSetAttention {

    OneStepConstruction(int d, int n, double eta) {
        super(new QueryLayout(d).rows(), n);
        QueryLayout layout = new QueryLayout(d);
        v().set(0, layout.y(), layout.y(), eta);
        for (int i = 0; i < d; i++) {
            w().set(0, i, i, 1.0);
        }
    }
}
