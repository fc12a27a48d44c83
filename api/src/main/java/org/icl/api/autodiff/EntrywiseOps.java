package org.icl.api.autodiff;

/** Entrywise ops: sums, products, scaling, elementwise functions and causal masking. The public entry points are {@link Tape}'s methods of the same names. */
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
