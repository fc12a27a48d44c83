package org.icl.trainers.testing;

import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/** Deterministic loss ||θ − t||² of the model's first parameter, with gradient exactly 2(θ − t); ignores the random stream. */
public final class QuadraticTask extends FakeTask {

    private final double[] target;

    public QuadraticTask(double... target) {
        this.target = target.clone();
    }

    @Override
    protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        Parameter theta = model.parameters().get(0);
        return tape.squaredError(theta, Tensor.wrap(target.length, 1, 1, target.clone()));
    }

    @Override
    public double[] optimum() {
        return target.clone();
    }
}
