package org.icl.trainers.testing;

import java.util.List;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/** Loss Σ_k ⟨c_k, θ_k⟩ over the model's parameters, so the gradient of θ_k is exactly c_k whatever θ is. */
public final class LinearLossTask extends FakeTask {

    private final double[][] coefficients;

    public LinearLossTask(double[]... coefficients) {
        this.coefficients = coefficients;
    }

    @Override
    protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        List<Parameter> parameters = model.parameters();
        Tensor total = null;
        for (int k = 0; k < coefficients.length; k++) {
            Parameter p = parameters.get(k);
            Tensor term = tape.sum(tape.hadamard(p, Tensor.wrap(p.rows(), 1, 1, coefficients[k].clone())));
            total = total == null ? term : tape.add(total, term);
        }
        return total;
    }

    @Override
    public double[] optimum() {
        return new double[coefficients[0].length];
    }
}
