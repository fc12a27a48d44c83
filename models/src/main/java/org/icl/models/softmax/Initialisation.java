package org.icl.models.softmax;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** How a matrix of the softmax-attention model starts: all zeros, i.i.d. Gaussian, or the identity. */
public enum Initialisation {
    /** All entries 0 (the paper trains the attention from zero). */
    ZERO,
    /** I.i.d. N(0, scale²) entries. */
    GAUSSIAN,
    /** Ones on the main diagonal, zeros elsewhere (rectangular matrices too). */
    IDENTITY;

    /** Fills the column-major {@code rows × cols} array {@code data}. */
    void fill(double[] data, int rows, int cols, double scale, RandomGenerator random) {
        Arrays.fill(data, 0.0);
        switch (this) {
            case ZERO -> { }
            case GAUSSIAN -> {
                for (int e = 0; e < data.length; e++) {
                    data[e] = scale * random.nextGaussian();
                }
            }
            case IDENTITY -> {
                for (int i = 0; i < Math.min(rows, cols); i++) {
                    data[i * rows + i] = 1.0;
                }
            }
        }
    }
}
