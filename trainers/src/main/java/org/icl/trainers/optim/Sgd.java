package org.icl.trainers.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.icl.api.autodiff.Parameter;

/** Stochastic gradient descent with optional heavy-ball momentum: m ← μm + g, θ ← θ − lr·m. */
public final class Sgd implements Optimizer {

    private final double momentum;
    private final Map<Parameter, double[]> velocity = new IdentityHashMap<>();

    public Sgd(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        for (Parameter p : parameters) {
            double[] theta = p.data();
            double[] g = p.grad().data;
            if (momentum == 0) {
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= learningRate * g[i];
                }
                continue;
            }
            double[] m = velocity(p);
            for (int i = 0; i < theta.length; i++) {
                m[i] = momentum * m[i] + g[i];
                theta[i] -= learningRate * m[i];
            }
        }
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            state.put("velocity/" + p.name(), velocity(p).clone());
        }
        return state;
    }

    @Override
    public void restore(List<Parameter> parameters, Map<String, double[]> state) {
        for (Parameter p : parameters) {
            velocity.put(p, OptimizerState.take(state, "velocity/" + p.name(), p.data().length));
        }
    }

    private double[] velocity(Parameter p) {
        return velocity.computeIfAbsent(p, q -> new double[q.data().length]);
    }
}
