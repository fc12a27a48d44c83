package org.icl.api.autodiff;

import org.ojalgo.matrix.store.R064Store;

/** A named trainable matrix: a tensor of batch 1 whose gradient persists across steps until zeroed. */
public final class Parameter extends Tensor {

    private final String name;

    /** A zero-filled rows × cols parameter with a zero gradient; the model fills in its initial values. */
    public Parameter(String name, int rows, int cols) {
        super(rows, cols, 1, R064Store.FACTORY.make(rows, cols), true);
        this.name = name;
        this.grad = R064Store.FACTORY.make(rows, cols);
    }

    /** The name it is saved under in parameters.json and shown in heatmaps (e.g. "V"). */
    public String name() {
        return name;
    }

    /** The gradient store, always present for a parameter. */
    @Override
    public R064Store grad() {
        return grad;
    }

    /** Clears the gradient; trainers call it before each step, since backward passes add into it. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad.data, 0.0);
    }

    @Override
    public String toString() {
        return name + super.toString();
    }
}
