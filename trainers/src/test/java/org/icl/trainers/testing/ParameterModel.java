package org.icl.trainers.testing;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A fake model holding column-vector parameters. Its forward pass multiplies each input matrix
 * (a 1×p row, batched) by the first parameter, so that with parameter θ it predicts ⟨x, θ⟩.
 */
public final class ParameterModel implements Model {

    private final List<Parameter> parameters = new ArrayList<>();

    /** A model with parameters θ0, θ1, ... of the given lengths, all zero. */
    public ParameterModel(int... sizes) {
        for (int i = 0; i < sizes.length; i++) {
            parameters.add(new Parameter("theta" + i, sizes[i], 1));
        }
    }

    /** A model with one parameter "theta0" set to {@code values}. */
    public static ParameterModel of(double... values) {
        ParameterModel model = new ParameterModel(values.length);
        System.arraycopy(values, 0, model.theta().data(), 0, values.length);
        return model;
    }

    public Parameter theta() {
        return parameters.get(0);
    }

    @Override
    public Tensor forward(Tape tape, Tensor input, int firstOutput) {
        return tape.matmul(input, theta());
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** A deep copy of every parameter's values, in order. */
    public double[][] snapshot() {
        double[][] copy = new double[parameters.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = parameters.get(i).data().clone();
        }
        return copy;
    }
}
