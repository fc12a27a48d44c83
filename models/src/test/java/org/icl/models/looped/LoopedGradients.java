package org.icl.models.looped;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/** Gradients of a squared-error loss of a model's output, from the tape and by central differences. */
final class LoopedGradients {

    private LoopedGradients() {
    }

    /** The tape's gradient of squaredError(model(z)[first..], target), all parameters concatenated. */
    static double[] gradient(Model model, Tensor z, int first, Tensor target) {
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

    /** The loss on a training tape (a training view's forward pass is what is being differentiated). */
    static double loss(Model model, Tensor z, int first, Tensor target) {
        Tape tape = Tape.forTraining();
        return tape.squaredError(model.forward(tape, z, first), target).data()[0];
    }

    /**
     * Asserts that the tape's gradient matches central differences on a random prompt and target with
     * output columns from {@code first}. The loss is a polynomial in each entry of degree up to 3^loops, so
     * the step must be small: H = 1e-5 leaves a truncation error of order H² times the third derivative
     * (below 1e-8 relative here) and a rounding error of order ε|L|/H ≈ 1e-10; 1e-6 norm-wise separates
     * both from a wrong backward pass (a missing loop or a misplaced cut gives O(1) relative error).
     */
    static void assertMatchesCentralDifferences(Model model, int first, long seed) {
        Tensor z = LoopedFixtures.input(LoopedFixtures.LENGTH, LoopedFixtures.BATCH, seed);
        Tensor target = LoopedFixtures.input(LoopedFixtures.LENGTH - first, LoopedFixtures.BATCH, seed + 1);
        double[] analytic = gradient(model, z, first, target);
        double h = 1e-5;
        double diff = 0;
        double norm = 0;
        int offset = 0;
        for (Parameter p : model.parameters()) {
            double[] theta = p.data();
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
            offset += p.size();
        }
        assertTrue(norm > 1e-6, "gradient is (near) zero, the check would be vacuous");
        assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
    }
}
