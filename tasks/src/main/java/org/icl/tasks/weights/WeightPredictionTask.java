package org.icl.tasks.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Decoder;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Curve;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.task.TaskShape;
import org.icl.api.task.Theory;
import org.icl.tasks.baselines.Baselines;
import org.icl.tasks.baselines.BestStepGradientDescent;
import org.icl.tasks.baselines.GradientDescentSpectrum;
import org.icl.tasks.baselines.TunedStep;
import org.icl.api.task.TrainingBatch;

/**
 * In-context weight prediction for linear regression, with or without chain of thought
 * (SCIENCE.md §1). The model reads n examples (x_j, y_j) and must write the weight vector w*;
 * with CoT it is trained on every gradient-descent iterate and evaluated autoregressively.
 */
public final class WeightPredictionTask implements Task {

    private final WeightPredictionSettings settings;
    private final PromptLayout layout;
    private final RegressionPrompts evaluation;
    /** Computed on first use: building the task (and so validating a config) need not pay for 10,000 GD runs. */
    private Theory theory;

    public WeightPredictionTask(WeightPredictionSettings settings, long seed) {
        this.settings = settings;
        this.layout = new PromptLayout(settings.d());
        this.evaluation = RegressionPrompts.sample(Seeds.stream(seed, "task.evaluation"), settings.evalPrompts(),
                settings.d(), settings.n(), settings.noise(), settings.evalVariances());
    }

    public WeightPredictionSettings settings() {
        return settings;
    }

    @Override
    public TaskShape shape() {
        int d = layout.rows();
        return new TaskShape(d, settings.n() + settings.rolloutSteps(), d, settings.n(), layout.blocks());
    }

    @Override
    public Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        return sampleTraining(tape, random, batchSize).loss(model);
    }

    @Override
    public TrainingBatch sampleTraining(Tape tape, RandomGenerator random, int batchSize) {
        int d = settings.d();
        int n = settings.n();
        // Training prompts always use Σ = I; the covariance option is for out-of-distribution evaluation.
        RegressionPrompts prompts = RegressionPrompts.sample(random, batchSize, d, n, settings.noise(), tape);
        if (settings.cot()) {
            int k = settings.k();
            Tensor z = tape.constant(layout.rows(), n + k, batchSize, layout.support(n));
            Tensor target = tape.constant(layout.rows(), k, batchSize);
            for (int b = 0; b < batchSize; b++) {
                writeDataColumns(z, b, prompts, b);
                writeWeightColumn(z, b, n, null);
                int prompt = b;
                prompts.gradientDescent(prompt, settings.eta(), k, (step, w) -> {
                    if (step < k) {
                        writeWeightColumn(z, prompt, n + step, w);
                    }
                    writeWeightColumn(target, prompt, step - 1, w);
                });
            }
            return model -> tape.squaredError(model.forward(tape, z, n), target);
        }
        Tensor z = tape.constant(layout.rows(), n + 1, batchSize, layout.support(n));
        for (int b = 0; b < batchSize; b++) {
            writeDataColumns(z, b, prompts, b);
            writeWeightColumn(z, b, n, null);
        }
        Tensor weights = Tensor.wrap(d, 1, batchSize, prompts.weights);
        return model -> tape.squaredError(tape.sliceRows(model.forward(tape, z, n), layout.w(), layout.w() + d), weights);
    }

    @Override
    public Evaluation evaluate(Model model, int prompts) {
        int count = Math.min(prompts, evaluation.count);
        double[] losses = new double[count];
        int chunk = settings.evalChunk();
        // Chunks are rolled out in parallel; their sums are added in chunk order, so the result has the same bits on any number of threads.
        double[] sums = IntStream.range(0, (count + chunk - 1) / chunk).parallel()
                .mapToDouble(c -> chunkLoss(model, c * chunk, Math.min(chunk, count - c * chunk), losses)).toArray();
        double total = 0;
        for (double sum : sums) {
            total += sum;
        }
        return Evaluation.ofPromptLosses(losses, Map.of("eval_loss_per_dim", total / count / settings.d(),
                // the model's own steps in the rollout (k with CoT, 1 without): the reasoning-step axis
                "rollout_steps", (double) settings.rolloutSteps()));
    }

    /**
     * The summed squared error of the final w-block over evaluation prompts first..first+size−1; each
     * prompt's own error goes into {@code losses} (chunks write disjoint ranges).
     */
    private double chunkLoss(Model model, int first, int size, double[] losses) {
        Tensor last = rollOut(model, first, size);
        double total = 0;
        for (int b = 0; b < size; b++) {
            losses[first + b] = evaluation.squaredError(first + b, last.data(), last.index(b, layout.w(), 0));
            total += losses[first + b];
        }
        return total;
    }

    /** Starts from Z_0 and appends the model's own last output column until the final step; returns that column. */
    private Tensor rollOut(Model model, int first, int size) {
        int n = settings.n();
        double[] prompt = new double[layout.rows() * (n + 1) * size];
        Tensor z = Tensor.wrap(layout.rows(), n + 1, size, prompt, layout.support(n));
        for (int b = 0; b < size; b++) {
            writeDataColumns(z, b, evaluation, first + b);
            writeWeightColumn(z, b, n, null);
        }
        Decoder decoder = model.decoder(z);
        Tensor last = decoder.output();
        for (int step = 2; step <= settings.rolloutSteps(); step++) {
            decoder.append(last);
            last = decoder.output();
        }
        return last;
    }

    @Override
    public int evaluationPrompts() {
        return evaluation.count;
    }

    @Override
    public synchronized Optional<Theory> theory() {
        if (theory == null) {
            theory = computeTheory(evaluation.count);
        }
        return Optional.of(theory);
    }

    /** The Monte-Carlo values over the first {@code prompts} evaluation prompts, the ones a monitor evaluation scores. */
    @Override
    public Optional<Theory> theory(int prompts) {
        return prompts >= evaluation.count ? theory() : Optional.of(computeTheory(Math.max(1, prompts)));
    }

    @Override
    public List<String> tokenLabels() {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 1; i <= settings.d(); i++) {
            labels.add("x" + i);
        }
        labels.add("y");
        for (int i = 1; i <= settings.d(); i++) {
            labels.add("w" + i);
        }
        labels.add("1");
        return labels;
    }

    @Override
    public Map<String, Object> inspect(Model model) {
        return GradientDescentMechanism.measure(layout, model, settings.cot(), expectedStep());
    }

    /**
     * The estimators of SCIENCE.md §3 predicting w from the n examples: least squares, ridge, averaging, one
     * GD step at η*, k GD steps at eta and at the best constant step, zero. Each writes (0, 0, ŵ, 1).
     */
    @Override
    public Map<String, Model> baselines() {
        // The baselines always see all n examples, so the step is tuned for n only.
        GradientDescentSpectrum prompts = GradientDescentSpectrum.ofWeights(evaluation);
        return Baselines.standard(new WeightColumns(layout, settings.n()), settings.noise() * settings.noise(),
                settings.ridgeLambda(), settings.k(), settings.eta(), new TunedStep(m -> prompts, settings.k()));
    }

    /** {@code k_step_gd} at eta and {@code best_step_gd} (the best constant step for each k) for k = 1..max. */
    @Override
    public Map<String, Curve> iterationTheory(int maxIterations) {
        return Baselines.iterationTheory(GradientDescentSpectrum.ofWeights(evaluation), settings.eta(), maxIterations);
    }

    /** k GD steps at the best constant step for the evaluation prompts (e.g. {@code bestStepGradientDescent().at(10).loss()}). */
    public BestStepGradientDescent bestStepGradientDescent() {
        return new BestStepGradientDescent(GradientDescentSpectrum.ofWeights(evaluation));
    }

    /** The GD step a trained model should implement: η with CoT, the optimal one-step η* = n/(n+d+1+σ²) without. */
    double expectedStep() {
        return settings.cot() ? settings.eta() : optimalOneStep();
    }

    private double optimalOneStep() {
        double noiseVariance = settings.noise() * settings.noise();
        return settings.n() / (settings.n() + settings.d() + 1 + noiseVariance);
    }

    /** The theory on the first {@code prompts} evaluation prompts. */
    private Theory computeTheory(int prompts) {
        int d = settings.d();
        double noiseVariance = settings.noise() * settings.noise();
        Map<String, Double> values = new LinkedHashMap<>();
        // E||(I − η*S)w*||² + η*²σ² tr(S)/n at the best η*, using E[S] = I, E[S²] = ((n+d+1)/n) I (Σ = I).
        values.put("one_step_optimum", d * (d + 1 + noiseVariance) / (settings.n() + d + 1 + noiseVariance));
        values.put("one_step_gd", meanGradientDescentLoss(optimalOneStep(), 1, prompts));
        values.put("k_step_gd", meanGradientDescentLoss(settings.eta(), settings.k(), prompts));
        values.put("zero_predictor", meanGradientDescentLoss(0.0, 1, prompts));
        return new Theory(values, settings.cot() ? "k_step_gd" : "one_step_optimum");
    }

    /** Mean over the first {@code prompts} evaluation prompts of ||w_steps − w*||² for GD with step eta from w_0 = 0. */
    private double meanGradientDescentLoss(double eta, int steps, int prompts) {
        double total = 0;
        double[] error = new double[1];
        for (int q = 0; q < prompts; q++) {
            int prompt = q;
            evaluation.gradientDescent(q, eta, steps, (step, w) -> {
                if (step == steps) {
                    error[0] = evaluation.squaredError(prompt, w, 0);
                }
            });
            total += error[0];
        }
        return total / prompts;
    }

    private void writeDataColumns(Tensor z, int b, RegressionPrompts prompts, int q) {
        int d = settings.d();
        double[] data = z.data();
        for (int j = 0; j < settings.n(); j++) {
            int column = z.index(b, 0, j);
            System.arraycopy(prompts.xs, (q * settings.n() + j) * d, data, column + layout.x(), d);
            data[column + layout.y()] = prompts.ys[q * settings.n() + j];
        }
    }

    /** Writes the CoT token (0, 0, w, 1) into column c of matrix b; a null w means w_0 = 0. */
    private void writeWeightColumn(Tensor z, int b, int c, double[] w) {
        int column = z.index(b, 0, c);
        if (w != null) {
            System.arraycopy(w, 0, z.data(), column + layout.w(), settings.d());
        }
        z.data()[column + layout.constant()] = 1.0;
    }
}
