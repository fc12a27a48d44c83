package org.icl.api.autodiff;

/** Column softmax, sums and the losses. The public entry points are {@link Tape}'s methods of the same names. */
final class ReductionOps extends OpFamily {

    ReductionOps(Tape tape) {
        super(tape);
    }

    Tensor softmaxColumns(Tensor a) {
        int rows = a.rows();
        int columns = a.cols() * a.batch();
        Tensor out = result(rows, a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] y = out.data();
        for (int c = 0; c < columns; c++) {
            softmaxColumn(x, y, c * rows, rows);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int c = 0; c < columns; c++) {
                    int base = c * rows;
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += g[base + r] * y[base + r];
                    }
                    for (int r = 0; r < rows; r++) {
                        ga[base + r] += y[base + r] * (g[base + r] - dot);
                    }
                }
            });
        }
        return out;
    }

    private static void softmaxColumn(double[] x, double[] y, int base, int rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, x[base + r]);
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double e = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(x[base + r] - max);
            y[base + r] = e;
            total += e;
        }
        for (int r = 0; r < rows; r++) {
            y[base + r] = total > 0 ? y[base + r] / total : 0;
        }
    }

    Tensor sum(Tensor a) {
        Tensor out = result(1, 1, 1, tracks(a), false);
        double total = 0;
        for (double v : a.data()) {
            total += v;
        }
        out.data()[0] = total;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0];
                double[] ga = gradOf(a);
                for (int e = 0; e < ga.length; e++) {
                    ga[e] += g;
                }
            });
        }
        return out;
    }

    Tensor squaredError(Tensor prediction, Tensor target) {
        requireSameShape("squaredError", prediction, target);
        if (prediction.batch() % target.batch() != 0) {
            throw new IllegalArgumentException("squaredError: batch " + prediction.batch() + " is not a multiple of "
                    + target.batch());
        }
        double[] p = prediction.data();
        double[] t = target.data();
        int period = t.length;
        double total = 0;
        for (int e = 0; e < p.length; e++) {
            double r = p[e] - t[e % period];
            total += r * r;
        }
        int batch = prediction.batch();
        Tensor out = result(1, 1, 1, tracks(prediction), false);
        out.data()[0] = total / batch;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] * 2.0 / batch;
                double[] gp = gradOf(prediction);
                for (int e = 0; e < gp.length; e++) {
                    gp[e] += g * (p[e] - t[e % period]);
                }
            });
        }
        return out;
    }

    Tensor crossEntropy(Tensor logits, int[] targets) {
        int rows = logits.rows();
        int columns = logits.cols() * logits.batch();
        if (targets.length == 0 || targets.length % logits.cols() != 0 || columns % targets.length != 0) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for " + columns + " columns");
        }
        int period = targets.length;
        double[] x = logits.data();
        double[] probabilities = new double[x.length];
        double total = 0;
        for (int c = 0; c < columns; c++) {
            if (targets[c % period] < 0) {
                continue;
            }
            if (targets[c % period] >= rows) {
                throw new IllegalArgumentException("crossEntropy: class " + targets[c % period] + " of " + rows);
            }
            softmaxColumn(x, probabilities, c * rows, rows);
            total -= Math.log(probabilities[c * rows + targets[c % period]]);
        }
        int batch = logits.batch();
        Tensor out = result(1, 1, 1, tracks(logits), false);
        out.data()[0] = total / batch;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] / batch;
                double[] gl = gradOf(logits);
                for (int c = 0; c < columns; c++) {
                    if (targets[c % period] < 0) {
                        continue;
                    }
                    for (int r = 0; r < rows; r++) {
                        double indicator = r == targets[c % period] ? 1 : 0;
                        gl[c * rows + r] += g * (probabilities[c * rows + r] - indicator);
                    }
                }
            });
        }
        return out;
    }
}
