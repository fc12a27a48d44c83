package org.icl.api.autodiff;

/**
 * A differentiable op written as one hand-made forward loop and one backward loop, for a model's
 * hot path where a chain of generic ops would cost more in memory traffic and calls than in
 * arithmetic. {@link Tape#apply} runs it and records its backward step.
 */
public interface Kernel {

    /** Writes the op's result into {@code out} (its entries hold garbage on entry). */
    void forward(Tensor out);

    /**
     * Adds the gradient of each input into {@code gradients.of(input)}, given the gradient
     * {@code outGradient} of the result (laid out like {@code out.data()}).
     */
    void backward(Tensor out, double[] outGradient, Gradients gradients);

    /** Where a kernel's backward step adds the gradients of its inputs. */
    @FunctionalInterface
    interface Gradients {

        /** The gradient array of {@code input} (laid out like its data), or null if it needs none. */
        double[] of(Tensor input);
    }
}
