package org.icl.trainers.testing;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * Noise-free linear least squares y = A θ*: a fixed design A of {@code rows × p} standard-Gaussian
 * entries and a fixed θ*. A training batch is rows of A drawn with replacement from the trainer's
 * random stream; its loss is the mean squared residual (⟨a_i, θ⟩ − y_i)², zero exactly at θ*.
 */
public final class LeastSquaresTask extends FakeTask {

    private final int p;
    private final int rows;
    private final double[][] design;
    private final double[] optimum;
    private final double[] labels;

    public LeastSquaresTask(int p, int rows, long seed) {
        this.p = p;
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(seed);
        design = new double[rows][p];
        optimum = new double[p];
        labels = new double[rows];
        for (int j = 0; j < p; j++) {
            optimum[j] = random.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p; j++) {
                design[i][j] = random.nextGaussian();
                labels[i] += design[i][j] * optimum[j];
            }
        }
    }

    @Override
    protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        double[] x = new double[p * batchSize];
        double[] y = new double[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int row = random.nextInt(rows);
            System.arraycopy(design[row], 0, x, b * p, p);
            y[b] = labels[row];
        }
        // Each prompt is a 1×p row; the batch-averaged squared error is the mean squared residual.
        Tensor prediction = model.forward(tape, Tensor.wrap(1, p, batchSize, x));
        return tape.squaredError(prediction, Tensor.wrap(1, 1, batchSize, y));
    }

    @Override
    public double[] optimum() {
        return optimum.clone();
    }
}
