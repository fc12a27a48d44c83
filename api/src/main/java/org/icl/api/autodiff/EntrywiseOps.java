package org.icl.api.autodiff;

/** Entrywise ops: sums, products, scaling, elementwise functions, per-row broadcasts and causal masking. The public entry points are {@link Tape}'s methods of the same names. */
final class EntrywiseOps extends OpFamily {

    EntrywiseOps(Tape tape) {
        super(tape);
    }

    Tensor add(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.SUM);
    }

    Tensor subtract(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.DIFFERENCE);
    }

    Tensor hadamard(Tensor a, Tensor b) {
        return entrywise(a, b, Combination.PRODUCT);
    }

    private enum Combination { SUM, DIFFERENCE, PRODUCT }

    private Tensor entrywise(Tensor a, Tensor b, Combination how) {
        requireSameShape(how.name().toLowerCase(java.util.Locale.ROOT), a, b);
        int batch = broadcastBatch(a, b);
        int size = a.rows() * a.cols();
        int aStep = a.batch() == 1 ? 0 : size;
        int bStep = b.batch() == 1 ? 0 : size;
        double sign = how == Combination.DIFFERENCE ? -1.0 : 1.0;
        boolean product = how == Combination.PRODUCT;
        Tensor out = result(a.rows(), a.cols(), batch, tracks(a, b), false);
        double[] x = a.data();
        double[] y = b.data();
        double[] z = out.data();
        for (int s = 0; s < batch; s++) {
            for (int e = 0; e < size; e++) {
                double u = x[s * aStep + e];
                double v = y[s * bStep + e];
                z[s * size + e] = product ? u * v : u + sign * v;
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = a.requiresGrad() ? gradOf(a) : null;
                double[] gb = b.requiresGrad() ? gradOf(b) : null;
                for (int s = 0; s < batch; s++) {
                    for (int e = 0; e < size; e++) {
                        double ge = g[s * size + e];
                        if (ga != null) {
                            ga[s * aStep + e] += product ? ge * y[s * bStep + e] : ge;
                        }
                        if (gb != null) {
                            gb[s * bStep + e] += product ? ge * x[s * aStep + e] : sign * ge;
                        }
                    }
                }
            });
        }
        return out;
    }

    Tensor scale(Tensor a, double c) {
        Tensor out = result(a.rows(), a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int e = 0; e < z.length; e++) {
            z[e] = c * x[e];
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int e = 0; e < g.length; e++) {
                    ga[e] += c * g[e];
                }
            });
        }
        return out;
    }

    Tensor map(Tensor a, Elementwise f) {
        Tensor out = result(a.rows(), a.cols(), a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int e = 0; e < z.length; e++) {
            z[e] = f.apply(x[e]);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int e = 0; e < g.length; e++) {
                    ga[e] += g[e] * f.derivative(x[e], z[e]);
                }
            });
        }
        return out;
    }

    Tensor addColumn(Tensor a, Tensor column) {
        return rowwise(a, column, false);
    }

    Tensor scaleRows(Tensor a, Tensor factors) {
        return rowwise(a, factors, true);
    }

    /**
     * a + v·1ᵀ (v added to every column) or diag(v)·a (row r scaled by v_r), for a column v of a's
     * rows; v of batch 1 serves the whole batch, else it has a's batch and serves matrix by matrix.
     */
    private Tensor rowwise(Tensor a, Tensor v, boolean product) {
        String op = product ? "scaleRows" : "addColumn";
        if (v.rows() != a.rows() || v.cols() != 1) {
            throw new IllegalArgumentException(op + ": " + v + " is not a column of " + a.rows() + " rows");
        }
        if (v.batch() != 1 && v.batch() != a.batch()) {
            throw new IllegalArgumentException(op + ": batches " + a.batch() + " and " + v.batch() + " do not broadcast");
        }
        int rows = a.rows();
        int cols = a.cols();
        int vStep = v.batch() == 1 ? 0 : rows;
        Tensor out = result(rows, cols, a.batch(), tracks(a, v), false);
        double[] x = a.data();
        double[] u = v.data();
        double[] z = out.data();
        for (int s = 0; s < a.batch(); s++) {
            for (int c = 0; c < cols; c++) {
                int base = (s * cols + c) * rows;
                for (int r = 0; r < rows; r++) {
                    z[base + r] = product ? u[s * vStep + r] * x[base + r] : x[base + r] + u[s * vStep + r];
                }
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = a.requiresGrad() ? gradOf(a) : null;
                double[] gv = v.requiresGrad() ? gradOf(v) : null;
                for (int s = 0; s < a.batch(); s++) {
                    for (int c = 0; c < cols; c++) {
                        int base = (s * cols + c) * rows;
                        for (int r = 0; r < rows; r++) {
                            double ge = g[base + r];
                            if (ga != null) {
                                ga[base + r] += product ? ge * u[s * vStep + r] : ge;
                            }
                            if (gv != null) {
                                gv[s * vStep + r] += product ? ge * x[base + r] : ge;
                            }
                        }
                    }
                }
            });
        }
        return out;
    }

    Tensor causalMask(Tensor a, double fill) {
        return causalMask(a, 0, fill);
    }

    Tensor causalMask(Tensor a, int firstQuery, double fill) {
        int rows = a.rows();
        int cols = a.cols();
        Tensor out = result(rows, cols, a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int s = 0; s < a.batch(); s++) {
            for (int c = 0; c < cols; c++) {
                int base = (s * cols + c) * rows;
                int kept = Math.min(rows, firstQuery + c + 1);
                System.arraycopy(x, base, z, base, kept);
                java.util.Arrays.fill(z, base + kept, base + rows, fill);
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    for (int c = 0; c < cols; c++) {
                        int base = (s * cols + c) * rows;
                        int kept = Math.min(rows, firstQuery + c + 1);
                        for (int r = 0; r < kept; r++) {
                            ga[base + r] += g[base + r];
                        }
                    }
                }
            });
        }
        return out;
    }
}
