package org.icl.tasks.baselines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The best constant step for a fixed number of GD steps as a function of the number m of in-context examples:
 * searched on the given prompts cut to m examples, once per m when first asked (a curve over m asks for each).
 * Evaluation rolls chunks of prompts out in parallel, so the cache is shared safely between threads.
 */
public final class TunedStep implements IntToDoubleFunction {

    private final IntFunction<GradientDescentSpectrum> prompts;
    private final int steps;
    private final Map<Integer, Double> found = new ConcurrentHashMap<>();

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
