package org.icl.api.autodiff;

import org.ojalgo.matrix.store.R064Store;

/**
 * A named trainable matrix: a tensor of batch 1 whose gradient persists across steps until zeroed.
 * Training can be restricted to some of its entries: the others get a zero gradient from every
 * backward pass, so no optimiser moves them.
 */
public final class Parameter extends Tensor {

    private final String name;
    /** Which entries train, column-major like the data; null when all do. */
    private boolean[] trainable;

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

    /**
     * Restricts training to the entries marked true (column-major, like {@link #data()}); the tape zeroes
     * the gradient of every other entry at the end of each backward pass. Null lets every entry train.
     */
    public void restrictTraining(boolean[] trainableEntries) {
        if (trainableEntries != null && trainableEntries.length != size()) {
            throw new IllegalArgumentException(name + ": " + trainableEntries.length + " flags for " + size() + " entries");
        }
        this.trainable = trainableEntries == null ? null : trainableEntries.clone();
    }

    /** Whether entry (r, c) trains. */
    public boolean trains(int r, int c) {
        return trainable == null || trainable[index(0, r, c)];
    }

    /** Whether some entries are held fixed. */
    public boolean restricted() {
        return trainable != null;
    }

    /** Zeroes the gradient of the entries that do not train. */
    void maskGradient() {
        if (trainable == null) {
            return;
        }
        double[] g = grad.data;
        for (int e = 0; e < g.length; e++) {
            if (!trainable[e]) {
                g[e] = 0.0;
            }
        }
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
