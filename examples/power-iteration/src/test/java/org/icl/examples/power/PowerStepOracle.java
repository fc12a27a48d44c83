package org.icl.examples.power;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A model that writes the exact next step (0, v + η S v) for every output column, S computed from the
 * prompt's data columns: what a perfectly trained model does, to check the task against its theory.
 */
final class PowerStepOracle implements Model {

    private final int d;
    private final int n;
    private final double eta;

    PowerStepOracle(int d, int n, double eta) {
        this.d = d;
        this.n = n;
        this.eta = eta;
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        int columns = z.cols() - firstOutput;
        Tensor out = tape.constant(2 * d, columns, z.batch());
        for (int b = 0; b < z.batch(); b++) {
            double[] s = new double[d * d];
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        s[c * d + r] += z.get(b, r, j) * z.get(b, c, j) / n;
                    }
                }
            }
            for (int t = 0; t < columns; t++) {
                for (int r = 0; r < d; r++) {
                    double sv = 0;
                    for (int c = 0; c < d; c++) {
                        sv += s[c * d + r] * z.get(b, d + c, firstOutput + t);
                    }
                    out.set(b, d + r, t, z.get(b, d + r, firstOutput + t) + eta * sv);
                }
            }
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
