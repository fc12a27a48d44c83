package org.icl.tasks.baselines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import org.icl.api.model.Model;
import org.icl.api.task.Curve;

/** The standard set of baselines a regression task offers beside a trained model, in the order they are listed. */
public final class Baselines {

    private Baselines() {
    }

    /**
     * Least squares (minimum norm), ridge with penalty {@code ridgeLambda}, averaging, one GD step at the optimal
     * step for Σ = I, {@code steps} GD steps at {@code step}, {@code steps} GD steps at {@code bestStep} (the best
     * constant step for the number of examples a prompt has), and the zero predictor; all read and write tokens
     * through {@code layout}.
     */
    public static Map<String, Model> standard(EstimatorLayout layout, double noiseVariance, double ridgeLambda,
                                              int steps, double step, IntToDoubleFunction bestStep) {
        Map<String, Model> baselines = new LinkedHashMap<>();
        baselines.put("least_squares", new EstimatorModel(Estimators.leastSquares(), layout));
        baselines.put("ridge", new EstimatorModel(Estimators.ridge(ridgeLambda), layout));
        baselines.put("averaging", new EstimatorModel(Estimators.averaging(), layout));
        baselines.put("one_step_gd", new EstimatorModel(Estimators.optimalOneStep(noiseVariance), layout));
        baselines.put("k_step_gd", new EstimatorModel(Estimators.gradientDescent(step, steps), layout));
        baselines.put("best_step_gd", new EstimatorModel(Estimators.gradientDescent(bestStep, steps), layout));
        baselines.put("zero_predictor", new EstimatorModel(Estimators.zero(), layout));
        return Collections.unmodifiableMap(baselines);
    }

    /**
     * The theory overlays for plots against steps or loops, k = 1..{@code maxSteps} on {@code prompts}:
     * {@code k_step_gd} at the constant step {@code step} and {@code best_step_gd}, each k at its own best step.
     */
    public static Map<String, Curve> iterationTheory(GradientDescentSpectrum prompts, double step, int maxSteps) {
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int k = 1; k <= maxSteps; k++) {
            steps.add((double) k);
            losses.add(prompts.meanLoss(step, k));
        }
        Map<String, Curve> curves = new LinkedHashMap<>();
        curves.put("k_step_gd", new Curve("steps", steps, losses));
        curves.put("best_step_gd", new BestStepGradientDescent(prompts).curve(maxSteps));
        return Collections.unmodifiableMap(curves);
    }
}
