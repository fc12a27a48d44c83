package org.icl.tasks.weights;

import org.icl.tasks.HandSetAttention;

/**
 * A linear self-attention set by hand to the gradient-descent construction of SCIENCE.md §1, so the
 * task can be checked against theory without training: with CoT, V₃₁ = −ηI, W₁₃ = I, W(y, const) = −1;
 * without, V₃₁ = η I and W(y, const) = 1 (one step from w_0 = 0 reads only the labels).
 */
final class GradientDescentConstruction extends HandSetAttention {

    GradientDescentConstruction(int d, int n, double eta, boolean cot) {
        super(new PromptLayout(d).rows(), n);
        PromptLayout layout = new PromptLayout(d);
        for (int i = 0; i < d; i++) {
            v().set(0, layout.w() + i, layout.x() + i, cot ? -eta : eta);
            if (cot) {
                w().set(0, layout.x() + i, layout.w() + i, 1.0);
            }
        }
        w().set(0, layout.y(), layout.constant(), cot ? -1.0 : 1.0);
    }
}
