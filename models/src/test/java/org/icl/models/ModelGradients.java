package org.icl.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/** Gradients of the squared-error loss of a model's output, from the tape and by central differences, for the model tests. */
public final class ModelGradients {

    private ModelGradients() {
    }

    /** The tape's gradient of squaredError(model(z)[first..], target), all parameters concatenated. */
    public static double[] gradient(Model model, Tensor z, int first, Tensor target) {
        model.parameters().forEach(Parameter::zeroGrad);
        Tape tape = Tape.forTraining();
        tape.backward(tape.squaredError(model.forward(tape, z, first), target));
        int size = model.parameters().stream().mapToInt(Parameter::size).sum();
        double[] all = new double[size];
        int offset = 0;
        for (Parameter p : model.parameters()) {
            System.arraycopy(p.grad().data, 0, all, offset, p.size());
            offset += p.size();
        }
        return all;
    }

    /** The loss on a training tape, so that a training view's forward pass is the one differentiated. */
    public static double loss(Model model, Tensor z, int first, Tensor target) {
        Tape tape = Tape.forTraining();
        return tape.squaredError(model.forward(tape, z, first), target).data()[0];
    }

    /**
     * For each parameter, the norm-wise relative error ‖g_fd − g_tape‖ / ‖g_tape‖ of the tape's gradient
     * against central differences with step {@code h}; fails if a gradient is (near) zero, which would
     * make the comparison vacuous. The norm-wise form, unlike an entry-wise ratio, is not blown up by
     * entries whose gradient happens to be near zero.
     */
    public static double[] relativeErrors(Model model, Tensor z, int first, Tensor target, double h) {
        double[] analytic = gradient(model, z, first, target);
        double[] errors = new double[model.parameters().size()];
        int offset = 0;
        for (int k = 0; k < errors.length; k++) {
            Parameter p = model.parameters().get(k);
            double[] theta = p.data();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < theta.length; i++) {
                double saved = theta[i];
                theta[i] = saved + h;
                double up = loss(model, z, first, target);
                theta[i] = saved - h;
                double down = loss(model, z, first, target);
                theta[i] = saved;
                double numeric = (up - down) / (2 * h);
                diff += Math.pow(numeric - analytic[offset + i], 2);
                norm += analytic[offset + i] * analytic[offset + i];
            }
            assertTrue(norm > 1e-6, p.name() + " gradient is (near) zero, the check would be vacuous");
            errors[k] = Math.sqrt(diff / norm);
            offset += p.size();
        }
        return errors;
    }
}
