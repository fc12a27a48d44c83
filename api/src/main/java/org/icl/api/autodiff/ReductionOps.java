package org.icl.api.autodiff;

/** Column softmax, column normalisation, sums and the losses. The public entry points are {@link Tape}'s methods of the same names. */
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
            softmaxColumn(x, c * rows, y, c * rows, rows);
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

    /**
     * Softmax of x[base .. base+rows) into y, computed as exp(x − max) / Σ exp(x − max) so no
     * exponent overflows. Limits decide the infinite cases: entries equal to +∞ share the whole
     * probability equally (the limit of logits growing together), −∞ entries get 0, and a column of
     * only −∞ (a query with nothing to attend to) gets all zeros rather than NaN.
     */
    static void softmaxColumn(double[] x, int base, double[] y, int yBase, int rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, x[base + r]);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            int top = 0;
            for (int r = 0; r < rows; r++) {
                top += x[base + r] == max ? 1 : 0;
            }
            double share = max == Double.POSITIVE_INFINITY ? 1.0 / top : 0.0;
            for (int r = 0; r < rows; r++) {
                y[yBase + r] = x[base + r] == max ? share : 0.0;
            }
            return;
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double e = Math.exp(x[base + r] - max);
            y[yBase + r] = e;
            total += e;
        }
        for (int r = 0; r < rows; r++) {
            y[yBase + r] /= total;
        }
    }

    /**
     * −log softmax(x)[target] of one column, through log-sum-exp: log Σ exp(x) − x_target with the
     * maximum taken out, so logits (0, 800) with target 0 give 800 exactly. Infinite logits follow
     * the limits of {@link #softmaxColumn}: a target at −∞, or below a +∞ entry, costs +∞; a target
     * among k entries at +∞ costs log k.
     */
    private static double negativeLogLikelihood(double[] x, int base, int rows, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, x[base + r]);
        }
        double chosen = x[base + target];
        if (chosen == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (max == Double.POSITIVE_INFINITY) {
            if (chosen != max) {
                return Double.POSITIVE_INFINITY;
            }
            int top = 0;
            for (int r = 0; r < rows; r++) {
                top += x[base + r] == max ? 1 : 0;
            }
            return Math.log(top);
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            total += Math.exp(x[base + r] - max);
        }
        return (max - chosen) + Math.log(total);
    }

    Tensor normalizeColumns(Tensor a, double epsilon) {
        int rows = a.rows();
        int columns = a.cols() * a.batch();
        Tensor out = result(rows, a.cols(), a.batch(), tracks(a), false);
        // 1/sqrt(variance + ε) of each column, kept for the backward step.
        Tensor inverse = result(1, a.cols(), a.batch(), false, false);
        double[] x = a.data();
        double[] y = out.data();
        double[] inv = inverse.data();
        for (int c = 0; c < columns; c++) {
            int base = c * rows;
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += x[base + r];
            }
            mean /= rows;
            double variance = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[base + r] - mean;
                variance += d * d;
            }
            inv[c] = 1.0 / Math.sqrt(variance / rows + epsilon);
            for (int r = 0; r < rows; r++) {
                y[base + r] = (x[base + r] - mean) * inv[c];
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int c = 0; c < columns; c++) {
                    int base = c * rows;
                    double meanG = 0;
                    double meanGy = 0;
                    for (int r = 0; r < rows; r++) {
                        meanG += g[base + r];
                        meanGy += g[base + r] * y[base + r];
                    }
                    meanG /= rows;
                    meanGy /= rows;
                    for (int r = 0; r < rows; r++) {
                        ga[base + r] += inv[c] * (g[base + r] - meanG - y[base + r] * meanGy);
                    }
                }
            });
        }
        return out;
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
        return squaredError(prediction, target, null, false);
    }

    Tensor squaredErrorPerToken(Tensor prediction, Tensor target, boolean[] supervised) {
        return squaredError(prediction, target, supervised, true);
    }

    /**
     * Σ over the supervised columns of ||prediction − target||², divided by the batch or, per token,
     * by the number of supervised columns ({@code supervised == null}: every column). A prediction of
     * m times the target's batch holds m stacked predictions of the same prompts: the target and the
     * flags (indexed like the target's columns) repeat for each.
     */
    private Tensor squaredError(Tensor prediction, Tensor target, boolean[] supervised, boolean perToken) {
        String op = perToken ? "squaredErrorPerToken" : "squaredError";
        requireSameShape(op, prediction, target);
        if (prediction.batch() % target.batch() != 0) {
            throw new IllegalArgumentException(op + ": batch " + prediction.batch() + " is not a multiple of "
                    + target.batch());
        }
        int rows = prediction.rows();
        int columns = prediction.cols() * prediction.batch();
        int period = target.cols() * target.batch();
        if (supervised != null && supervised.length != period) {
            throw new IllegalArgumentException(op + ": " + supervised.length + " flags for " + period + " columns");
        }
        double[] p = prediction.data();
        double[] t = target.data();
        double total = 0;
        int counted = 0;
        for (int c = 0; c < columns; c++) {
            if (supervised != null && !supervised[c % period]) {
                continue;
            }
            counted++;
            int offset = (c % period - c) * rows;
            for (int e = c * rows; e < (c + 1) * rows; e++) {
                double r = p[e] - t[e + offset];
                total += r * r;
            }
        }
        // No supervised token at all gives a loss of 0 and no gradient, not 0/0.
        double divisor = perToken ? Math.max(1, counted) : prediction.batch();
        Tensor out = result(1, 1, 1, tracks(prediction), false);
        out.data()[0] = total / divisor;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] * 2.0 / divisor;
                double[] gp = gradOf(prediction);
                for (int c = 0; c < columns; c++) {
                    if (supervised != null && !supervised[c % period]) {
                        continue;
                    }
                    int offset = (c % period - c) * rows;
                    for (int e = c * rows; e < (c + 1) * rows; e++) {
                        gp[e] += g * (p[e] - t[e + offset]);
                    }
                }
            });
        }
        return out;
    }

    Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, false);
    }

    Tensor crossEntropyPerToken(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, true);
    }

    /**
     * Σ over the columns with a target ≥ 0 of −log softmax(column)[target], divided by the batch or,
     * per token, by the number of such columns. The gradient is softmax − one-hot per kept column.
     * Logits of m times the targets' batch are m stacked predictions: the targets repeat for each.
     */
    private Tensor crossEntropy(Tensor logits, int[] targets, boolean perToken) {
        String op = perToken ? "crossEntropyPerToken" : "crossEntropy";
        int rows = logits.rows();
        int columns = logits.cols() * logits.batch();
        int period = targets.length;
        if (period == 0 || period % logits.cols() != 0 || columns % period != 0) {
            throw new IllegalArgumentException(op + ": " + period + " targets for " + columns + " columns");
        }
        double[] x = logits.data();
        double total = 0;
        int counted = 0;
        for (int c = 0; c < columns; c++) {
            int target = targets[c % period];
            if (target < 0) {
                continue;
            }
            if (target >= rows) {
                throw new IllegalArgumentException(op + ": class " + target + " of " + rows);
            }
            counted++;
            total += negativeLogLikelihood(x, c * rows, rows, target);
        }
        // No supervised token at all gives a loss of 0 and no gradient, not 0/0.
        double divisor = perToken ? Math.max(1, counted) : logits.batch();
        Tensor out = result(1, 1, 1, tracks(logits), false);
        out.data()[0] = total / divisor;
        if (out.requiresGrad()) {
            record(out, () -> {
                double g = out.grad.data[0] / divisor;
                double[] gl = gradOf(logits);
                double[] probabilities = new double[rows];
                for (int c = 0; c < columns; c++) {
                    int target = targets[c % period];
                    if (target < 0) {
                        continue;
                    }
                    int base = c * rows;
                    softmaxColumn(x, base, probabilities, 0, rows);
                    for (int r = 0; r < rows; r++) {
                        double indicator = r == target ? 1 : 0;
                        gl[base + r] += g * (probabilities[r] - indicator);
                    }
                }
            });
        }
        return out;
    }
}
