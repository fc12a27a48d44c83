package org.icl.examples.power;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.task.TaskShape;
import org.icl.api.task.Theory;

/**
 * Chain of thought for in-context power iteration. The model reads n inputs and must find the top
 * eigenvector of their second-moment matrix S, one step v ← (v + ηSv)/‖v + ηSv‖ per generated token.
 * Tokens are columns of 2d rows, x above v: data column j is (x_j, 0), CoT column i is (0, v_i).
 * Training is teacher-forced on all k steps at once; evaluation generates k steps from v_0 alone,
 * normalising each output into the next token, and scores the last one by its angle to the truth.
 */
public final class PowerIterationTask implements Task {

    /** Evaluation prompts rolled out together: a memory bound, not a setting that changes any result. */
    private static final int CHUNK = 500;

    private final PowerIterationSettings settings;
    private final SpikedPrompts evaluation;
    private final double[][] evaluationEigenvectors;
    private final double[] start;
    private final Theory theory;

    /** Draws the evaluation prompts from {@code seed} and computes the theory on them. */
    public PowerIterationTask(PowerIterationSettings settings, long seed) {
        this.settings = settings;
        int d = settings.d();
        this.start = new double[d];
        Arrays.fill(start, 1 / Math.sqrt(d));
        this.evaluation = SpikedPrompts.sample(Seeds.stream(seed, "task.evaluation"), settings.evalPrompts(), d,
                settings.n(), settings.spike());
        this.evaluationEigenvectors = new double[evaluation.count][];
        for (int q = 0; q < evaluation.count; q++) {
            evaluationEigenvectors[q] = evaluation.topEigenvector(q);
        }
        this.theory = computeTheory();
    }

    @Override
    public TaskShape shape() {
        return new TaskShape(settings.tokenDim(), settings.n() + settings.k(), settings.tokenDim(), settings.n());
    }

    @Override
    public Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        int d = settings.d();
        int n = settings.n();
        int k = settings.k();
        SpikedPrompts prompts = SpikedPrompts.sample(random, batchSize, d, n, settings.spike());
        Tensor z = tape.constant(2 * d, n + k, batchSize);
        Tensor target = tape.constant(2 * d, k, batchSize);
        double[] v = new double[d];
        double[] next = new double[d];
        for (int b = 0; b < batchSize; b++) {
            writeDataColumns(z, b, prompts, b);
            System.arraycopy(start, 0, v, 0, d);
            for (int i = 0; i < k; i++) {
                writeVector(z, b, n + i, v);
                prompts.step(b, settings.eta(), v, next);
                writeVector(target, b, i, next);
                normalise(next, v);
            }
        }
        return tape.squaredError(model.forward(tape, z, n), target);
    }

    @Override
    public Evaluation evaluate(Model model, int prompts) {
        int count = Math.min(prompts, evaluation.count);
        double[] losses = new double[count];
        Tape tape = Tape.forInference();
        for (int first = 0; first < count; first += CHUNK) {
            int size = Math.min(CHUNK, count - first);
            Tensor last = rollOut(tape, model, first, size);
            for (int b = 0; b < size; b++) {
                losses[first + b] = SpikedPrompts.sineSquared(last.data(), last.index(b, settings.d(), 0),
                        evaluationEigenvectors[first + b]);
            }
            tape.reset();
        }
        return new Evaluation(mean(losses), count, Map.of("eval_loss_median", median(losses)));
    }

    /** Generates k steps from (data, v_0), normalising each output's v-block into the next token; returns the last output. */
    private Tensor rollOut(Tape tape, Model model, int first, int size) {
        int d = settings.d();
        Tensor z = tape.constant(2 * d, settings.n() + 1, size);
        for (int b = 0; b < size; b++) {
            writeDataColumns(z, b, evaluation, first + b);
            writeVector(z, b, settings.n(), start);
        }
        Tensor last = null;
        double[] v = new double[d];
        double[] unit = new double[d];
        for (int step = 1; step <= settings.k(); step++) {
            last = model.forward(tape, z, z.cols() - 1);
            if (step < settings.k()) {
                Tensor token = tape.constant(2 * d, 1, size);
                for (int b = 0; b < size; b++) {
                    System.arraycopy(last.data(), last.index(b, d, 0), v, 0, d);
                    normalise(v, unit);
                    writeVector(token, b, 0, unit);
                }
                z = tape.concatCols(z, token);
            }
        }
        return last;
    }

    @Override
    public int evaluationPrompts() {
        return evaluation.count;
    }

    @Override
    public Optional<Theory> theory() {
        return Optional.of(theory);
    }

    @Override
    public List<String> tokenLabels() {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= settings.d(); i++) {
            labels.add("x" + i);
        }
        for (int i = 1; i <= settings.d(); i++) {
            labels.add("v" + i);
        }
        return labels;
    }

    @Override
    public Map<String, Object> inspect(Model model) {
        return PowerIterationMechanism.measure(settings, model);
    }

    private Theory computeTheory() {
        double[] kSteps = exactLosses(settings.k());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("power_k_steps", mean(kSteps));
        values.put("power_k_steps_median", median(kSteps));
        values.put("power_one_step", mean(exactLosses(1)));
        values.put("start_vector", mean(exactLosses(0)));
        return new Theory(values, "power_k_steps");
    }

    /** sin² to the top eigenvector after {@code steps} exact steps from v_0, per evaluation prompt. */
    private double[] exactLosses(int steps) {
        int d = settings.d();
        double[] losses = new double[evaluation.count];
        double[] v = new double[d];
        double[] next = new double[d];
        for (int q = 0; q < evaluation.count; q++) {
            System.arraycopy(start, 0, v, 0, d);
            for (int step = 0; step < steps; step++) {
                evaluation.step(q, settings.eta(), v, next);
                normalise(next, v);
            }
            losses[q] = SpikedPrompts.sineSquared(v, 0, evaluationEigenvectors[q]);
        }
        return losses;
    }

    private void writeDataColumns(Tensor z, int b, SpikedPrompts prompts, int q) {
        int d = settings.d();
        for (int j = 0; j < settings.n(); j++) {
            System.arraycopy(prompts.xs, (q * settings.n() + j) * d, z.data(), z.index(b, 0, j), d);
        }
    }

    /** Writes the CoT token (0, v) into column c of matrix b. */
    private void writeVector(Tensor z, int b, int c, double[] v) {
        System.arraycopy(v, 0, z.data(), z.index(b, settings.d(), c), settings.d());
    }

    /** out = v/‖v‖; a zero vector stays zero (its loss is then 1). */
    private static void normalise(double[] v, double[] out) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
    }

    private static double mean(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total / values.length;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
