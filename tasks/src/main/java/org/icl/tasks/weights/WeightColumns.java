package org.icl.tasks.weights;

import org.icl.api.autodiff.Tensor;
import org.icl.tasks.baselines.EstimatorLayout;

/**
 * The weight-prediction prompt as the baselines see it: the first n columns hold the examples (x_j, y_j, 0, 0);
 * every output column is the CoT token (0, 0, w, 1) of the estimate, so a rollout of any length reads it.
 */
record WeightColumns(PromptLayout layout, int n) implements EstimatorLayout {

    @Override
    public RegressionPrompts examples(Tensor z) {
        int d = layout.d();
        RegressionPrompts prompts = RegressionPrompts.allocate(z.batch(), d, n);
        double[] data = z.data();
        for (int b = 0; b < z.batch(); b++) {
            for (int j = 0; j < n; j++) {
                int column = z.index(b, 0, j);
                System.arraycopy(data, column + layout.x(), prompts.xs, (b * n + j) * d, d);
                prompts.ys[b * n + j] = data[column + layout.y()];
            }
        }
        return prompts;
    }

    @Override
    public void predict(Tensor z, int b, int firstOutput, double[] w, int offset, Tensor output) {
        for (int c = 0; c < output.cols(); c++) {
            int column = output.index(b, 0, c);
            System.arraycopy(w, offset, output.data(), column + layout.w(), layout.d());
            output.data()[column + layout.constant()] = 1.0;
        }
    }
}
