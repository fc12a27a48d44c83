package org.icl.models.softmax;

import java.util.SplittableRandom;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;

/** Settings, inputs, a naive reference forward pass and a finite-difference check for the softmax-attention tests. */
final class SoftmaxFixtures {

    private SoftmaxFixtures() {
    }

    /** The shipped defaults of softmax-attention with {@code overrides} (HOCON) laid on top, as the "model" block. */
    static Settings settings(String overrides) {
        Config defaults = ConfigFactory.defaultReference().getConfig("icl.defaults.model.softmax-attention");
        return new Settings(ConfigFactory.parseString(overrides).withFallback(defaults), "model");
    }

    static SoftmaxAttention model(TaskShape shape, String overrides, long seed) {
        return (SoftmaxAttention) new SoftmaxAttentionFactory().create(settings(overrides), shape, seed);
    }

    /** A batch of uniform [-1, 1) token matrices of {@code dim × length}. */
    static Tensor randomInput(int dim, int length, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] data = new double[dim * length * batch];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble(-1, 1);
        }
        return Tensor.wrap(dim, length, batch, data);
    }

    /** Sets every trained matrix to uniform [-spread, spread) entries, so that no check runs at a degenerate point. */
    static void randomise(Model model, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : model.parameters()) {
            double[] x = p.data();
            for (int e = 0; e < x.length; e++) {
                x[e] = p.name().endsWith("-gain") ? 1 + random.nextDouble(-0.3, 0.3) : random.nextDouble(-spread, spread);
            }
        }
    }

    // ---- naive reference ------------------------------------------------------------------------

    /** The entry (r, c) of a batch-1 matrix. */
    private static double at(Tensor m, int r, int c) {
        return m.get(0, r, c);
    }

    /**
     * The model's output on prompt b at every column, written with plain loops over the formulas of
     * the model (no tape): positions, pre-norm, heads, residual, MLP and readout. Indexed [row][column].
     * {@code kq}, {@code v} are each head's matrices; {@code readout}, {@code positions}, the MLP and
     * norm parameters may be null when absent. Frozen matrices are passed as the values they hold.
     */
    static double[][] naive(Tensor z, int b, double scoreScale, boolean residual, Tensor[] kq, Tensor[] v,
                            Tensor readout, Tensor learnedPositions, int oneHotLength,
                            Tensor[] norm1, Tensor[] mlp, Tensor[] norm2, double epsilon) {
        int d = z.rows();
        int length = z.cols();
        int width = d + oneHotLength;
        double[][] x = new double[width][length];
        for (int t = 0; t < length; t++) {
            for (int r = 0; r < d; r++) {
                x[r][t] = z.get(b, r, t) + (learnedPositions == null ? 0 : at(learnedPositions, r, t));
            }
            if (oneHotLength > 0) {
                x[d + t][t] = 1;
            }
        }
        double[][] in = norm1 == null ? x : layerNorm(x, norm1[0], norm1[1], epsilon);
        double[][] y = new double[width][length];
        for (int t = 0; t < length; t++) {
            for (int r = 0; r < width; r++) {
                y[r][t] = residual ? x[r][t] : 0;
            }
            for (int h = 0; h < kq.length; h++) {
                double[] score = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    double total = 0;
                    for (int i = 0; i < width; i++) {
                        for (int j = 0; j < width; j++) {
                            total += in[i][s] * at(kq[h], i, j) * in[j][t];
                        }
                    }
                    score[s] = scoreScale * total;
                    max = Math.max(max, score[s]);
                }
                double sum = 0;
                for (int s = 0; s <= t; s++) {
                    score[s] = Math.exp(score[s] - max);
                    sum += score[s];
                }
                for (int s = 0; s <= t; s++) {
                    for (int i = 0; i < width; i++) {
                        double vx = 0;
                        for (int j = 0; j < width; j++) {
                            vx += at(v[h], i, j) * in[j][s];
                        }
                        y[i][t] += score[s] / sum * vx;
                    }
                }
            }
        }
        if (mlp != null) {
            double[][] u = norm2 == null ? y : layerNorm(y, norm2[0], norm2[1], epsilon);
            Tensor w1 = mlp[0];
            Tensor b1 = mlp[1];
            Tensor w2 = mlp[2];
            Tensor b2 = mlp[3];
            for (int t = 0; t < length; t++) {
                double[] hidden = new double[w1.rows()];
                for (int k = 0; k < hidden.length; k++) {
                    double total = at(b1, k, 0);
                    for (int j = 0; j < width; j++) {
                        total += at(w1, k, j) * u[j][t];
                    }
                    hidden[k] = Math.max(0, total);
                }
                for (int i = 0; i < width; i++) {
                    double total = at(b2, i, 0);
                    for (int k = 0; k < hidden.length; k++) {
                        total += at(w2, i, k) * hidden[k];
                    }
                    y[i][t] += total;
                }
            }
        }
        if (readout != null) {
            double[][] out = new double[readout.rows()][length];
            for (int t = 0; t < length; t++) {
                for (int o = 0; o < readout.rows(); o++) {
                    for (int i = 0; i < width; i++) {
                        out[o][t] += at(readout, o, i) * y[i][t];
                    }
                }
            }
            return out;
        }
        return java.util.Arrays.copyOf(y, d);
    }

    private static double[][] layerNorm(double[][] x, Tensor gain, Tensor bias, double epsilon) {
        int width = x.length;
        int length = x[0].length;
        double[][] out = new double[width][length];
        for (int t = 0; t < length; t++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[t] / width;
            }
            double variance = 0;
            for (double[] row : x) {
                variance += (row[t] - mean) * (row[t] - mean) / width;
            }
            for (int r = 0; r < width; r++) {
                out[r][t] = at(gain, r, 0) * (x[r][t] - mean) / Math.sqrt(variance + epsilon) + at(bias, r, 0);
            }
        }
        return out;
    }

    // ---- finite differences ---------------------------------------------------------------------

    /** A scalar loss of the model's output on a fixed batch, evaluated on the given tape. */
    interface Loss {
        Tensor apply(Tape tape, Model model);
    }

    /**
     * The largest norm-wise relative error, over the model's parameters, between the tape's gradient and
     * central differences with step {@code h}: ‖g_tape − g_fd‖ / ‖g_tape‖ per parameter. Also fails
     * (returns +∞) when a parameter's gradient is exactly zero, so that a check cannot pass vacuously.
     */
    static double gradientError(Model model, Loss loss, double h) {
        model.parameters().forEach(Parameter::zeroGrad);
        Tape tape = Tape.forTraining();
        tape.backward(loss.apply(tape, model));
        double worst = 0;
        for (Parameter p : model.parameters()) {
            double[] analytic = p.grad().data.clone();
            double[] theta = p.data();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < theta.length; i++) {
                double saved = theta[i];
                theta[i] = saved + h;
                double up = loss.apply(Tape.forInference(), model).data()[0];
                theta[i] = saved - h;
                double down = loss.apply(Tape.forInference(), model).data()[0];
                theta[i] = saved;
                double numeric = (up - down) / (2 * h);
                diff += (numeric - analytic[i]) * (numeric - analytic[i]);
                norm += analytic[i] * analytic[i];
            }
            double relative = norm == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(diff / norm);
            worst = Math.max(worst, relative);
        }
        return worst;
    }
}
