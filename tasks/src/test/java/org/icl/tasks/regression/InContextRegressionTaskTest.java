package org.icl.tasks.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Tape;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.Curve;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.api.Test;

/** The in-context regression task against the one-step theory of SCIENCE.md §3, through a hand-set attention and the baselines. */
class InContextRegressionTaskTest {

    private static InContextRegressionSettings settings(int d, int n, double noise, int prompts) {
        return new InContextRegressionSettings(d, n, noise, List.of(), prompts, 500, 0.1, 6, 0.3);
    }

    private static double optimalStep(int d, int n, double noiseVariance) {
        return n / (n + d + 1 + noiseVariance);
    }

    @Test
    void shapeIsTheTokenColumnsWithTheQueryAndTheOutputIsAWholeToken() {
        TaskShape shape = new InContextRegressionTask(settings(4, 9, 0, 10), 1).shape();
        assertEquals(new TaskShape(5, 10, 5, 9), shape);
    }

    @Test
    void closedFormOneStepOptimum() {
        // (d+1)/(n+d+1) = 11/31 at d = 10, n = 20; with σ² = 0.25 it is (d+1+σ²)/(n+d+1+σ²) + σ²/d.
        assertEquals(11.0 / 31.0, new InContextRegressionTask(settings(10, 20, 0, 10), 1).theory().orElseThrow().referenceValue(), 1e-15);
        assertEquals(11.25 / 31.25 + 0.025,
                new InContextRegressionTask(settings(10, 20, 0.5, 10), 1).theory().orElseThrow().referenceValue(), 1e-15);
        assertEquals("one_step_optimum", new InContextRegressionTask(settings(3, 5, 0, 10), 1).theory().orElseThrow().reference());
    }

    @Test
    void theHandSetOneStepAttentionScoresExactlyTheOneStepGdOfTheTheory() {
        int d = 5;
        int n = 10;
        InContextRegressionTask task = new InContextRegressionTask(settings(d, n, 0.3, 2000), 4);
        double loss = task.evaluate(new OneStepConstruction(d, n, optimalStep(d, n, 0.09)), 2000).loss();
        assertEquals(task.theory().orElseThrow().values().get("one_step_gd"), loss, 1e-10 * loss);
        assertEquals(task.theory().orElseThrow().values().get("one_step_gd"), task.evaluate(task.baselines().get("one_step_gd"), 2000).loss(),
                1e-10 * loss);
    }

    @Test
    void monteCarloOneStepLossAndTrainingLossAgreeWithTheClosedForm() {
        int d = 10;
        int n = 20;
        InContextRegressionTask task = new InContextRegressionTask(settings(d, n, 0, 20000), 2);
        double closedForm = 11.0 / 31.0;
        // Per prompt, (ŷ − y)²/d is a scaled χ²₁-like variable with sd ≈ √2·0.355; over 20,000 prompts its mean has
        // a standard error near 0.4%, so 2% is five of them.
        assertEquals(closedForm, task.theory().orElseThrow().values().get("one_step_gd"), 0.02 * closedForm);
        assertEquals(1.0, task.theory().orElseThrow().values().get("zero_predictor"), 0.03);
        Model construction = new OneStepConstruction(d, n, optimalStep(d, n, 0));
        double trainLoss = task.trainingLoss(Tape.forTraining(), construction, new SplittableRandom(5), 20000).data()[0];
        assertEquals(closedForm, trainLoss, 0.02 * closedForm);
    }

    @Test
    void leastSquaresIsExactFromDExamplesWithoutNoiseAndMatchesItsClosedFormBelow() {
        int d = 4;
        int n = 8;
        InContextRegressionTask task = new InContextRegressionTask(settings(d, n, 0, 4000), 3);
        Model leastSquares = task.baselines().get("least_squares");
        assertTrue(task.evaluate(leastSquares, 4000).loss() < 1e-16);
        Curve curve = task.curves(leastSquares).get(InContextRegressionTask.EXAMPLES_CURVE);
        for (int m = 0; m <= n; m++) {
            double expected = Math.max(d - m, 0) / (double) d;
            // Below d the error (d − m)/d is an average over 4000 prompts of a ratio with sd ≈ 1.2·mean: 6% is ~3 sd.
            assertEquals(expected, curve.y().get(m), m >= d ? 1e-16 : 0.06 * expected, "m = " + m);
        }
        assertEquals(0.0, task.theory().orElseThrow().values().get("least_squares"), 0.0);
    }

    @Test
    void everyBaselineScoresOnTheSamePromptsAsItsDirectComputation() {
        InContextRegressionTask task = new InContextRegressionTask(settings(4, 8, 0.2, 1500), 6);
        Map<String, Model> baselines = task.baselines();
        assertEquals(List.of("least_squares", "ridge", "averaging", "one_step_gd", "k_step_gd", "best_step_gd",
                "zero_predictor"), List.copyOf(baselines.keySet()));
        var kStep = task.iterationTheory(6);
        assertEquals(kStep.get("k_step_gd").y().get(5), task.evaluate(baselines.get("k_step_gd"), 1500).loss(), 1e-10);
        assertEquals(kStep.get("best_step_gd").y().get(5), task.evaluate(baselines.get("best_step_gd"), 1500).loss(), 1e-10);
        assertEquals(task.bestStepGradientDescent().at(6).loss(), kStep.get("best_step_gd").y().get(5), 0.0);
        assertEquals(task.theory().orElseThrow().values().get("zero_predictor"), task.evaluate(baselines.get("zero_predictor"), 1500).loss(),
                1e-12);
        // Tuned on these very prompts, the best constant step does at least as well as the given one.
        assertTrue(kStep.get("best_step_gd").y().get(5) <= kStep.get("k_step_gd").y().get(5) + 1e-12);
    }

    @Test
    void curveOfTheOneStepAttentionFollowsItsShrunkenStep() {
        // With m of n examples the construction still divides by n: it is one GD step of size η*·m/n on m
        // examples, whose normalised error is 1 − 2η' + η'²(m+d+1)/m (noiseless, Σ = I).
        int d = 4;
        int n = 8;
        InContextRegressionTask task = new InContextRegressionTask(settings(d, n, 0, 20000), 8);
        double eta = optimalStep(d, n, 0);
        Curve curve = task.curves(new OneStepConstruction(d, n, eta)).get(InContextRegressionTask.EXAMPLES_CURVE);
        assertEquals("examples", curve.variable());
        assertEquals(n + 1, curve.x().size());
        for (int m = 0; m <= n; m++) {
            double step = eta * m / n;
            double expected = m == 0 ? 1.0 : 1 - 2 * step + step * step * (m + d + 1) / m;
            // 20,000 prompts: a standard error of about 1% of the value; 4% is four of them.
            assertEquals(expected, curve.y().get(m), 0.04 * expected, "m = " + m);
        }
        assertEquals(task.evaluate(new OneStepConstruction(d, n, eta), 20000).loss(), curve.y().get(n), 0.0);
    }

    @Test
    void mechanismReportOfTheConstructionIsExact() {
        InContextRegressionTask task = new InContextRegressionTask(settings(4, 8, 0, 10), 1);
        Map<String, Object> report = task.inspect(new OneStepConstruction(4, 8, 8.0 / 13));
        assertEquals(8.0 / 13, (double) report.get("effective_step"), 1e-15);
        assertEquals(8.0 / 13, (double) report.get("expected_step"), 1e-15);
        assertEquals(1.0, (double) report.get("cosine_vyy_wxx_with_identity"), 1e-15);
        assertEquals(0.0, (double) report.get("v_y_row_mass_outside_vyy"), 1e-15);
    }

    @Test
    void outOfDistributionCovarianceChangesTheEvaluationPromptsOnly() {
        InContextRegressionSettings shifted = new InContextRegressionSettings(3, 6, 0, List.of(0.2, 1.0, 3.0), 500, 500,
                0.1, 4, 0.3);
        InContextRegressionTask ood = new InContextRegressionTask(shifted, 5);
        InContextRegressionTask plain = new InContextRegressionTask(settings(3, 6, 0, 500), 5);
        Model model = new OneStepConstruction(3, 6, 0.6);
        assertFalse(ood.evaluate(model, 500).loss() == plain.evaluate(model, 500).loss());
        double a = ood.trainingLoss(Tape.forTraining(), model, new SplittableRandom(1), 64).data()[0];
        double b = plain.trainingLoss(Tape.forTraining(), model, new SplittableRandom(1), 64).data()[0];
        assertEquals(a, b, 0.0);
    }

    @Test
    void settingsAreCheckedWithKeyAndOrigin() {
        String defaults = "d = 3, n = 6, noise = 0, eval-covariance = [], eval-prompts = 10, eval-chunk = 10, "
                + "ridge-lambda = 0.1, gd-steps = 5, gd-step = 0.3";
        Settings wrongLength = new Settings(ConfigFactory.parseString("eval-covariance = [1, 2]")
                .withFallback(ConfigFactory.parseString(defaults)), "task");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> InContextRegressionSettings.from(wrongLength));
        assertTrue(e.getMessage().contains("task.eval-covariance"), e.getMessage());
        Settings zeroRidge = new Settings(ConfigFactory.parseString("ridge-lambda = 0")
                .withFallback(ConfigFactory.parseString(defaults)), "task");
        e = assertThrows(InvalidSettingException.class, () -> InContextRegressionSettings.from(zeroRidge));
        assertTrue(e.getMessage().contains("task.ridge-lambda") && e.getMessage().contains("> 0"), e.getMessage());
        assertEquals(settings(3, 6, 0, 10).d(), InContextRegressionSettings.from(
                new Settings(ConfigFactory.parseString(defaults), "task")).d());
    }

    @Test
    void leastSquaresClosedFormWithNoise() {
        // n ≥ d+2: σ²(1 + d/(n−d−1))/d; n ≤ d−2: (d − n + σ²(1 + n/(d−n−1)))/d; infinite in between.
        assertEquals(0.25 * (1 + 10.0 / 9) / 10, InContextRegressionTask.leastSquaresError(10, 20, 0.25).orElseThrow(), 1e-15);
        assertEquals((10 - 5 + 0.25 * (1 + 5.0 / 4)) / 10, InContextRegressionTask.leastSquaresError(10, 5, 0.25).orElseThrow(),
                1e-15);
        assertTrue(InContextRegressionTask.leastSquaresError(10, 10, 0.25).isEmpty());
        assertEquals(0.6, InContextRegressionTask.leastSquaresError(10, 4, 0).orElseThrow(), 1e-15);
    }
}
