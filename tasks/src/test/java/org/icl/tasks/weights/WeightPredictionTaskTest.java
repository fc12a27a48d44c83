package org.icl.tasks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Tape;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.task.Evaluation;
import org.junit.jupiter.api.Test;

/** Checks the weight-prediction task against the theory of SCIENCE.md §1 using the hand-set GD construction. */
class WeightPredictionTaskTest {

    private static WeightPredictionSettings settings(int d, int n, int k, double eta, boolean cot, int prompts) {
        return new WeightPredictionSettings(d, n, k, eta, cot, 0.0, List.of(), prompts, 250, 0.1);
    }

    @Test
    void cotTargetsAreExactlyTheGradientDescentIterates() {
        WeightPredictionTask task = new WeightPredictionTask(settings(4, 8, 6, 0.3, true, 10), 7);
        var model = new GradientDescentConstruction(4, 8, 0.3, true);
        Tape tape = Tape.forTraining();
        double loss = task.trainingLoss(tape, model, new SplittableRandom(3), 32).data()[0];
        // The construction computes each GD step exactly; only rounding remains.
        assertTrue(loss < 1e-24, "teacher-forced loss of the exact construction: " + loss);
    }

    @Test
    void autoregressiveRolloutOfTheConstructionMatchesKStepGradientDescent() {
        WeightPredictionTask task = new WeightPredictionTask(settings(5, 10, 8, 0.3, true, 600), 11);
        Evaluation evaluation = task.evaluate(new GradientDescentConstruction(5, 10, 0.3, true), 600);
        double theory = task.theory().orElseThrow().values().get("k_step_gd");
        assertEquals("k_step_gd", task.theory().orElseThrow().reference());
        assertEquals(theory, evaluation.loss(), 1e-9 * theory);
    }

    @Test
    void noCotConstructionAtTheOptimalStepMatchesOneStepGradientDescent() {
        int d = 5;
        int n = 10;
        WeightPredictionTask task = new WeightPredictionTask(settings(d, n, 8, 0.3, false, 600), 11);
        double optimal = n / (double) (n + d + 1);
        Evaluation evaluation = task.evaluate(new GradientDescentConstruction(d, n, optimal, false), 600);
        double theory = task.theory().orElseThrow().values().get("one_step_gd");
        assertEquals("one_step_optimum", task.theory().orElseThrow().reference());
        assertEquals(theory, evaluation.loss(), 1e-9 * theory);
        double trainLoss = task.trainingLoss(Tape.forTraining(), new GradientDescentConstruction(d, n, optimal, false),
                new SplittableRandom(5), 4000).data()[0];
        // The training loss at η* estimates the same expectation, d(d+1)/(n+d+1) = 1.875; 4000 prompts
        // give a standard error near 2% for this spread, so 8% is four standard errors.
        assertEquals(task.theory().orElseThrow().values().get("one_step_optimum"), trainLoss, 0.08 * 1.875);
    }

    @Test
    void shapeAnnouncesTheTokenBlocksAndEvaluationReportsQuantiles() {
        WeightPredictionTask task = new WeightPredictionTask(settings(3, 5, 2, 0.3, true, 50), 4);
        var shape = task.shape();
        assertEquals(List.of("x", "y", "w", "const"), shape.blocks().stream().map(b -> b.name()).toList());
        assertEquals(new org.icl.api.task.TokenBlock("w", 4, 7), shape.block("w").orElseThrow());
        assertEquals(new org.icl.api.task.TokenBlock("const", 7, 8), shape.block("const").orElseThrow());
        Evaluation evaluation = task.evaluate(new GradientDescentConstruction(3, 5, 0.3, true), 50);
        double median = evaluation.metrics().get("eval_loss_median");
        double p90 = evaluation.metrics().get("eval_loss_p90");
        double p99 = evaluation.metrics().get("eval_loss_p99");
        assertTrue(0 < median && median <= p90 && p90 <= p99, evaluation.metrics().toString());
    }

    @Test
    void monteCarloOneStepLossAgreesWithTheClosedForm() {
        // d(d+1)/(n+d+1) at d = 10, n = 20 is 110/31 = 3.548 (SCIENCE.md §1).
        WeightPredictionTask task = new WeightPredictionTask(settings(10, 20, 1, 0.3, false, 20000), 1);
        Map<String, Double> theory = task.theory().orElseThrow().values();
        assertEquals(110.0 / 31.0, theory.get("one_step_optimum"), 1e-12);
        assertWithinStandardErrors(task, 110.0 / 31.0, theory.get("one_step_gd"), 1, 20 / 31.0);
        assertWithinStandardErrors(task, 10.0, theory.get("zero_predictor"), 1, 0.0);
    }

    @Test
    void twentyStepGradientDescentLossMatchesTheQuotedValue() {
        // SCIENCE.md: E||w_20 − w*||² ≈ 0.286 at d = 10, n = 20, η = 0.3 (over 200,000 prompts).
        WeightPredictionTask task = new WeightPredictionTask(settings(10, 20, 20, 0.3, true, 20000), 2);
        assertWithinStandardErrors(task, 0.286, task.theory().orElseThrow().values().get("k_step_gd"), 20, 0.3);
    }

    /** Asserts |estimate − expected| is within four standard errors of the per-prompt GD loss. */
    private static void assertWithinStandardErrors(WeightPredictionTask task, double expected, double estimate,
                                                   int steps, double eta) {
        RegressionPrompts prompts = RegressionPrompts.sample(new SplittableRandom(99), 20000, 10, 20, 0.0, List.of());
        double sum = 0;
        double sumSquares = 0;
        double[] last = new double[1];
        for (int q = 0; q < prompts.count; q++) {
            int prompt = q;
            prompts.gradientDescent(q, eta, steps, (step, w) -> last[0] = prompts.squaredError(prompt, w, 0));
            sum += last[0];
            sumSquares += last[0] * last[0];
        }
        double mean = sum / prompts.count;
        double standardError = Math.sqrt((sumSquares / prompts.count - mean * mean) / task.evaluationPrompts());
        assertEquals(expected, estimate, 4 * standardError,
                "estimate " + estimate + " vs " + expected + " (standard error " + standardError + ")");
    }

    @Test
    void mechanismReportOfTheExactConstructionIsPerfect() {
        WeightPredictionTask task = new WeightPredictionTask(settings(4, 8, 6, 0.3, true, 10), 7);
        Map<String, Object> report = task.inspect(new GradientDescentConstruction(4, 8, 0.3, true));
        assertEquals(0.0, (double) report.get("v_mass_outside_v31"), 1e-15);
        assertEquals(0.0, (double) report.get("w_mass_outside_w13_and_label_entry"), 1e-15);
        assertEquals(1.0, (double) report.get("cosine_v31w13_with_minus_identity"), 1e-12);
        assertEquals(0.3, (double) report.get("effective_step"), 1e-12);
    }

    @Test
    void outOfDistributionCovarianceChangesPromptsAndTheConstructionStillMatchesGd() {
        List<Double> variances = List.of(0.5, 1.0, 1.5, 2.0);
        WeightPredictionSettings ood = new WeightPredictionSettings(4, 12, 10, 0.3, true, 0.0, variances, 400, 100, 0.1);
        WeightPredictionTask shifted = new WeightPredictionTask(ood, 3);
        WeightPredictionTask plain = new WeightPredictionTask(settings(4, 12, 10, 0.3, true, 400), 3);
        double shiftedGd = shifted.theory().orElseThrow().values().get("k_step_gd");
        assertTrue(Math.abs(shiftedGd - plain.theory().orElseThrow().values().get("k_step_gd")) > 1e-6);
        assertEquals(shiftedGd, shifted.evaluate(new GradientDescentConstruction(4, 12, 0.3, true), 400).loss(),
                1e-9 * shiftedGd);
    }

    @Test
    void evaluationPromptsDependOnlyOnTheSeed() {
        var model = new GradientDescentConstruction(3, 6, 0.3, true);
        double a = new WeightPredictionTask(settings(3, 6, 4, 0.3, true, 100), 5).evaluate(model, 100).loss();
        double b = new WeightPredictionTask(settings(3, 6, 4, 0.3, true, 100), 5).evaluate(model, 100).loss();
        double c = new WeightPredictionTask(settings(3, 6, 4, 0.3, true, 100), 6).evaluate(model, 100).loss();
        assertEquals(a, b, 0.0);
        assertTrue(a != c);
    }

    @Test
    void settingsAreCheckedWithKeyAndOrigin() {
        String defaults = "d = 3, n = 6, k = 4, eta = 0.3, cot = true, noise = 0, eval-covariance = [], "
                + "eval-prompts = 10, eval-chunk = 10, ridge-lambda = 0.1";
        Settings wrongLength = new Settings(ConfigFactory.parseString("eval-covariance = [1, 2]").withFallback(
                ConfigFactory.parseString(defaults)), "task");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> WeightPredictionSettings.from(wrongLength));
        assertTrue(e.getMessage().contains("task.eval-covariance"), e.getMessage());
        Settings negativeEta = new Settings(ConfigFactory.parseString("eta = -1").withFallback(
                ConfigFactory.parseString(defaults)), "task");
        e = assertThrows(InvalidSettingException.class, () -> WeightPredictionSettings.from(negativeEta));
        assertTrue(e.getMessage().contains("task.eta") && e.getMessage().contains("> 0"), e.getMessage());
    }
}
