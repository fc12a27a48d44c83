package org.icl.tasks.baselines;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The best constant step for a fixed number of GD steps as a function of the number m of in-context examples:
 * searched on the given prompts cut to m examples, once per m when first asked (a curve over m asks for each).
 * Like a model, it is confined to one thread.
 */
public final class TunedStep implements IntToDoubleFunction {

    private final IntFunction<GradientDescentSpectrum> prompts;
    private final int steps;
    private final Map<Integer, Double> found = new HashMap<>();

    /** {@code prompts} gives the prompts to tune on, with their first m examples, in the eigenbasis form. */
    public TunedStep(IntFunction<GradientDescentSpectrum> prompts, int steps) {
        this.prompts = prompts;
        this.steps = steps;
    }

    @Override
    public double applyAsDouble(int examples) {
        return found.computeIfAbsent(examples, m -> BestStepGradientDescent.bestStep(prompts.apply(m), steps));
    }
}
