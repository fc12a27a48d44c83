package org.icl.tasks.regression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.task.TaskShape;
import org.icl.api.task.Theory;
import org.icl.tasks.baselines.Baselines;
import org.icl.tasks.baselines.BestStepGradientDescent;
import org.icl.tasks.baselines.Estimators;
import org.icl.tasks.baselines.GradientDescentSpectrum;
import org.icl.tasks.baselines.TunedStep;
import org.icl.tasks.weights.RegressionPrompts;

/**
 * Standard in-context linear regression (Garg et al. 2022; von Oswald et al. 2023; SCIENCE.md §3): from n
 * examples (x_j, y_j) and a query x_q the model writes ŷ_q into the y-row of the query column. The loss is the
 * normalised squared error (ŷ_q − y_q)²/d.
 */
public final class InContextRegressionTask implements Task {

    /** Name of the curve of the evaluation loss against the number of in-context examples. */
    public static final String EXAMPLES_CURVE = "loss-vs-examples";

    private final InContextRegressionSettings settings;
    private final QueryLayout layout;
    /** Evaluation prompts of n + 1 examples each: the first n are the context, the last is the query. */
    private final RegressionPrompts evaluation;
    /** Computed on first use: building the task (and so validating a config) need not pay for it. */
    private Theory theory;

    public InContextRegressionTask(InContextRegressionSettings settings, long seed) {
        this.settings = settings;
        this.layout = new QueryLayout(settings.d());
        this.evaluation = sample(Seeds.stream(seed, "task.evaluation"), settings.evalPrompts(), settings.evalVariances());
    }

    public InContextRegressionSettings settings() {
        return settings;
    }

    @Override
    public TaskShape shape() {
        return new TaskShape(layout.rows(), settings.n() + 1, layout.rows(), settings.n());
    }

    @Override
    public Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        // Training prompts always use Σ = I; the covariance option is for out-of-distribution evaluation.
        RegressionPrompts prompts = sample(random, batchSize, List.of());
        int n = settings.n();
        Tensor z = prompt(tape, prompts, 0, batchSize, n);
        Tensor predicted = tape.sliceRows(model.forward(tape, z, n), layout.y(), layout.y() + 1);
        Tensor labels = tape.constant(1, 1, batchSize);
        for (int b = 0; b < batchSize; b++) {
            labels.data()[b] = queryLabel(prompts, b);
        }
        return tape.scale(tape.squaredError(predicted, labels), 1.0 / settings.d());
    }

    @Override
    public Evaluation evaluate(Model model, int prompts) {
        int count = Math.min(prompts, evaluation.count);
        return new Evaluation(meanLoss(model, count, settings.n()), count, Map.of());
    }

    /**
     * The evaluation loss with the first m = 0..n examples of each prompt. A model that normalises by the
     * announced context size n (linear attention) keeps dividing by n on a shorter prompt.
     */
    @Override
    public Map<String, Curve> curves(Model model) {
        List<Double> examples = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int m = 0; m <= settings.n(); m++) {
            examples.add((double) m);
            losses.add(meanLoss(model, evaluation.count, m));
        }
        return Map.of(EXAMPLES_CURVE, new Curve("examples", examples, losses));
    }

    @Override
    public int evaluationPrompts() {
        return evaluation.count;
    }

    @Override
    public synchronized Optional<Theory> theory() {
        if (theory == null) {
            theory = computeTheory();
        }
        return Optional.of(theory);
    }

    @Override
    public List<String> tokenLabels() {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= settings.d(); i++) {
            labels.add("x" + i);
        }
        labels.add("y");
        return labels;
    }

    @Override
    public Map<String, Object> inspect(Model model) {
        return OneStepMechanism.measure(layout, model, optimalStep());
    }

    /**
     * Least squares, ridge, averaging, one-step GD, k-step GD at gd-step and at the best constant step (tuned on
     * the evaluation prompts for each number of examples), zero.
     */
    @Override
    public Map<String, Model> baselines() {
        return Baselines.standard(layout, settings.noiseVariance(), settings.ridgeLambda(), settings.gdSteps(),
                settings.gdStep(), new TunedStep(m -> spectrum(evaluation, m), settings.gdSteps()));
    }

    /** {@code k_step_gd} at gd-step and {@code best_step_gd} (the best constant step for each k) for k = 1..max. */
    @Override
    public Map<String, Curve> iterationTheory(int maxIterations) {
        return Baselines.iterationTheory(spectrum(evaluation, settings.n()), settings.gdStep(), maxIterations);
    }

    /** k GD steps on the n examples at the best constant step for the evaluation prompts (e.g. {@code .at(20).loss()}). */
    public BestStepGradientDescent bestStepGradientDescent() {
        return new BestStepGradientDescent(spectrum(evaluation, settings.n()));
    }

    /** Prompts of n examples plus one query example, with x ~ N(0, Σ). */
    private RegressionPrompts sample(RandomGenerator random, int count, List<Double> variances) {
        return RegressionPrompts.sample(random, count, settings.d(), settings.n() + 1, settings.noise(), variances);
    }

    /** Gradient descent on the first m examples of each prompt, scored on its query. */
    private GradientDescentSpectrum spectrum(RegressionPrompts prompts, int m) {
        int d = settings.d();
        double[] queries = new double[prompts.count * d];
        double[] labels = new double[prompts.count];
        for (int q = 0; q < prompts.count; q++) {
            System.arraycopy(prompts.xs, queryOffset(prompts, q), queries, q * d, d);
            labels[q] = queryLabel(prompts, q);
        }
        return GradientDescentSpectrum.ofQueries(prompts.prefix(m), queries, labels, 1.0 / d);
    }

    /** Mean of (ŷ_q − y_q)²/d over the first {@code count} evaluation prompts, each cut to its first m examples. */
    private double meanLoss(Model model, int count, int m) {
        double total = 0;
        Tape tape = Tape.forInference();
        for (int start = 0; start < count; start += settings.evalChunk()) {
            int size = Math.min(settings.evalChunk(), count - start);
            Tensor output = model.forward(tape, prompt(tape, evaluation, start, size, m), m);
            for (int b = 0; b < size; b++) {
                double error = output.get(b, layout.y(), 0) - queryLabel(evaluation, start + b);
                total += error * error;
            }
            tape.reset();
        }
        return total / count / settings.d();
    }

    /** Prompts first..first+size−1 as token matrices: their first m examples as columns (x_j, y_j), then (x_q, 0). */
    private Tensor prompt(Tape tape, RegressionPrompts prompts, int first, int size, int m) {
        int d = settings.d();
        Tensor z = tape.constant(layout.rows(), m + 1, size);
        double[] data = z.data();
        for (int b = 0; b < size; b++) {
            int q = first + b;
            for (int j = 0; j < m; j++) {
                int column = z.index(b, 0, j);
                System.arraycopy(prompts.xs, (q * prompts.n + j) * d, data, column, d);
                data[column + layout.y()] = prompts.ys[q * prompts.n + j];
            }
            System.arraycopy(prompts.xs, queryOffset(prompts, q), data, z.index(b, 0, m), d);
        }
        return z;
    }

    /** The query is each prompt's last example. */
    private static int queryOffset(RegressionPrompts prompts, int q) {
        return (q * prompts.n + prompts.n - 1) * prompts.d;
    }

    private static double queryLabel(RegressionPrompts prompts, int q) {
        return prompts.ys[q * prompts.n + prompts.n - 1];
    }

    /** η* = n/(n+d+1+σ²), the step of the best one-layer linear attention for Σ = I. */
    private double optimalStep() {
        return Estimators.optimalStep(settings.n(), settings.d(), settings.noiseVariance());
    }

    private Theory computeTheory() {
        int d = settings.d();
        int n = settings.n();
        double s2 = settings.noiseVariance();
        Map<String, Double> values = new LinkedHashMap<>();
        // E(ŷ − y_q)² = d[1 − 2η + η²(n+d+1+σ²)/n] + σ² for ŷ = η x_qᵀ(1/n)Σ y_j x_j, Σ = I; minimal at η*.
        values.put("one_step_optimum", (d + 1 + s2) / (n + d + 1 + s2) + s2 / d);
        leastSquaresError(d, n, s2).ifPresent(v -> values.put("least_squares", v));
        values.put("one_step_gd", spectrum(evaluation, settings.n()).meanLoss(optimalStep(), 1));
        double zero = 0;
        for (int q = 0; q < evaluation.count; q++) {
            zero += queryLabel(evaluation, q) * queryLabel(evaluation, q);
        }
        values.put("zero_predictor", zero / evaluation.count / d);
        return new Theory(values, "one_step_optimum");
    }

    /**
     * The normalised error of minimum-norm least squares for Σ = I in closed form: the part of w* outside the
     * span of n < d inputs, (d − n)/d, plus the noise it fits, σ²·tr E[(XᵀX)⁻¹] (inverse-Wishart means n/(d−n−1)
     * or d/(n−d−1)), plus the query's own noise σ². Infinite (absent) with noise when |n − d| ≤ 1.
     */
    static Optional<Double> leastSquaresError(int d, int n, double noiseVariance) {
        if (noiseVariance == 0) {
            return Optional.of(Math.max(d - n, 0) / (double) d);
        }
        if (n <= d - 2) {
            return Optional.of((d - n + noiseVariance * n / (d - n - 1.0) + noiseVariance) / d);
        }
        if (n >= d + 2) {
            return Optional.of((noiseVariance * d / (n - d - 1.0) + noiseVariance) / d);
        }
        return Optional.empty();
    }
}
