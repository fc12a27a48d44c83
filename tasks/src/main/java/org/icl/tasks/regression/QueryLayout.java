package org.icl.tasks.regression;

import org.icl.api.autodiff.Tensor;
import org.icl.tasks.baselines.EstimatorLayout;
import org.icl.tasks.weights.RegressionPrompts;

/**
 * Row blocks of an in-context regression token, x (d rows) | y (1). A prompt is its example columns
 * (x_j, y_j) followed by one query column (x_q, 0); the prediction ŷ_q goes into the query column's y-row.
 */
record QueryLayout(int d) implements EstimatorLayout {

    int y() {
        return d;
    }

    int rows() {
        return d + 1;
    }

    /** Every column but the last is an example. */
    @Override
    public RegressionPrompts examples(Tensor z) {
        int m = z.cols() - 1;
        RegressionPrompts prompts = RegressionPrompts.allocate(z.batch(), d, m);
        double[] data = z.data();
        for (int b = 0; b < z.batch(); b++) {
            for (int j = 0; j < m; j++) {
                int column = z.index(b, 0, j);
                System.arraycopy(data, column, prompts.xs, (b * m + j) * d, d);
                prompts.ys[b * m + j] = data[column + y()];
            }
        }
        return prompts;
    }

    /** Each output column is its input column with the y-row set to ⟨w, x⟩. */
    @Override
    public void predict(Tensor z, int b, int firstOutput, double[] w, int offset, Tensor output) {
        for (int c = firstOutput; c < z.cols(); c++) {
            int in = z.index(b, 0, c);
            int out = output.index(b, 0, c - firstOutput);
            double prediction = 0;
            for (int i = 0; i < d; i++) {
                double x = z.data()[in + i];
                output.data()[out + i] = x;
                prediction += w[offset + i] * x;
            }
            output.data()[out + y()] = prediction;
        }
    }
}
