package org.icl.trainers.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.icl.api.autodiff.Parameter;

/** Stochastic gradient descent with optional heavy-ball momentum: m ← μm + g, θ ← θ − lr·m. */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private final double momentum;
    private final Map<Parameter, double[]> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double[] theta = p.data();
            double[] g = p.grad().data;
            if (momentum == 0) {
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= learningRate * g[i];
                }
                continue;
            }
            double[] m = velocity.computeIfAbsent(p, q -> new double[theta.length]);
            for (int i = 0; i < theta.length; i++) {
                m[i] = momentum * m[i] + g[i];
                theta[i] -= learningRate * m[i];
            }
        }
    }
}
