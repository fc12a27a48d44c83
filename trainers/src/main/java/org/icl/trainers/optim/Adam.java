package org.icl.trainers.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.icl.api.autodiff.Parameter;

/** Adam (Kingma &amp; Ba, 2015) with bias-corrected first and second moment estimates. */
public final class Adam implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<Parameter, double[][]> moments = new IdentityHashMap<>();
    private int t;

    public Adam(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        t++;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (Parameter p : parameters) {
            double[] theta = p.data();
            double[] g = p.grad().data;
            double[][] state = moments(p);
            double[] m = state[0];
            double[] v = state[1];
            for (int i = 0; i < theta.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                theta[i] -= learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
            }
        }
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("t", new double[] {t});
        for (Parameter p : parameters) {
            state.put("m/" + p.name(), moments(p)[0].clone());
            state.put("v/" + p.name(), moments(p)[1].clone());
        }
        return state;
    }

    @Override
    public void restore(List<Parameter> parameters, Map<String, double[]> state) {
        double steps = OptimizerState.take(state, "t", 1)[0];
        for (Parameter p : parameters) {
            moments.put(p, new double[][] {
                OptimizerState.take(state, "m/" + p.name(), p.data().length),
                OptimizerState.take(state, "v/" + p.name(), p.data().length)});
        }
        t = (int) steps;
    }

    private double[][] moments(Parameter p) {
        return moments.computeIfAbsent(p, q -> new double[][] {new double[q.data().length], new double[q.data().length]});
    }
}
