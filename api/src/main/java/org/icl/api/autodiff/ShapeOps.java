package org.icl.api.autodiff;

import java.util.List;

/**
 * Shape ops: transpose, row and column slices, concatenation, stacking along the batch, and detach
 * (the same values cut off from the gradient). The public entry points are {@link Tape}'s methods of the same names.
 */
final class ShapeOps extends OpFamily {

    ShapeOps(Tape tape) {
        super(tape);
    }

    Tensor transpose(Tensor a) {
        int rows = a.rows();
        int cols = a.cols();
        int size = rows * cols;
        Tensor out = result(cols, rows, a.batch(), tracks(a), false);
        double[] x = a.data();
        double[] z = out.data();
        for (int s = 0; s < a.batch(); s++) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    z[s * size + r * cols + c] = x[s * size + c * rows + r];
                }
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    for (int c = 0; c < cols; c++) {
                        for (int r = 0; r < rows; r++) {
                            ga[s * size + c * rows + r] += g[s * size + r * cols + c];
                        }
                    }
                }
            });
        }
        return out;
    }

    Tensor sliceRows(Tensor a, int from, int to) {
        checkRange("sliceRows", from, to, a.rows());
        int height = to - from;
        Tensor out = result(height, a.cols(), a.batch(), tracks(a), false);
        int columns = a.cols() * a.batch();
        for (int c = 0; c < columns; c++) {
            System.arraycopy(a.data(), c * a.rows() + from, out.data(), c * height, height);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int c = 0; c < columns; c++) {
                    for (int r = 0; r < height; r++) {
                        ga[c * a.rows() + from + r] += g[c * height + r];
                    }
                }
            });
        }
        return out;
    }

    Tensor sliceCols(Tensor a, int from, int to) {
        checkRange("sliceCols", from, to, a.cols());
        int width = to - from;
        int rows = a.rows();
        Tensor out = result(rows, width, a.batch(), tracks(a), false);
        for (int s = 0; s < a.batch(); s++) {
            System.arraycopy(a.data(), (s * a.cols() + from) * rows, out.data(), s * width * rows, width * rows);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = gradOf(a);
                for (int s = 0; s < a.batch(); s++) {
                    int src = (s * a.cols() + from) * rows;
                    int dst = s * width * rows;
                    for (int e = 0; e < width * rows; e++) {
                        ga[src + e] += g[dst + e];
                    }
                }
            });
        }
        return out;
    }

    Tensor concatRows(Tensor a, Tensor b) {
        if (a.cols() != b.cols() || a.batch() != b.batch()) {
            throw new IllegalArgumentException("concatRows: " + a + " and " + b + " differ in columns or batch");
        }
        int rows = a.rows() + b.rows();
        Tensor out = result(rows, a.cols(), a.batch(), tracks(a, b), false);
        int columns = a.cols() * a.batch();
        for (int c = 0; c < columns; c++) {
            System.arraycopy(a.data(), c * a.rows(), out.data(), c * rows, a.rows());
            System.arraycopy(b.data(), c * b.rows(), out.data(), c * rows + a.rows(), b.rows());
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                double[] ga = a.requiresGrad() ? gradOf(a) : null;
                double[] gb = b.requiresGrad() ? gradOf(b) : null;
                for (int c = 0; c < columns; c++) {
                    for (int r = 0; r < rows; r++) {
                        double v = g[c * rows + r];
                        if (r < a.rows()) {
                            if (ga != null) {
                                ga[c * a.rows() + r] += v;
                            }
                        } else if (gb != null) {
                            gb[c * b.rows() + r - a.rows()] += v;
                        }
                    }
                }
            });
        }
        return out;
    }

    Tensor concatCols(Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.batch() != b.batch()) {
            throw new IllegalArgumentException("concatCols: " + a + " and " + b + " differ in rows or batch");
        }
        int rows = a.rows();
        int cols = a.cols() + b.cols();
        int sa = a.cols() * rows;
        int sb = b.cols() * rows;
        Tensor out = result(rows, cols, a.batch(), tracks(a, b), false);
        for (int s = 0; s < a.batch(); s++) {
            System.arraycopy(a.data(), s * sa, out.data(), s * (sa + sb), sa);
            System.arraycopy(b.data(), s * sb, out.data(), s * (sa + sb) + sa, sb);
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                for (int s = 0; s < a.batch(); s++) {
                    if (a.requiresGrad()) {
                        double[] ga = gradOf(a);
                        for (int e = 0; e < sa; e++) {
                            ga[s * sa + e] += g[s * (sa + sb) + e];
                        }
                    }
                    if (b.requiresGrad()) {
                        double[] gb = gradOf(b);
                        for (int e = 0; e < sb; e++) {
                            gb[s * sb + e] += g[s * (sa + sb) + sa + e];
                        }
                    }
                }
            });
        }
        return out;
    }

    Tensor stackBatches(List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stackBatches: nothing to stack");
        }
        Tensor first = parts.get(0);
        int batch = 0;
        for (Tensor t : parts) {
            requireSameShape("stackBatches", first, t);
            batch += t.batch();
        }
        Tensor out = result(first.rows(), first.cols(), batch, tracks(parts.toArray(Tensor[]::new)), false);
        // Matrices of a batch lie one after another in the store, so stacking is copying the stores end to end.
        int offset = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.data(), 0, out.data(), offset, t.size());
            offset += t.size();
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                int start = 0;
                for (Tensor t : parts) {
                    if (t.requiresGrad()) {
                        double[] gt = gradOf(t);
                        for (int e = 0; e < gt.length; e++) {
                            gt[e] += g[start + e];
                        }
                    }
                    start += t.size();
                }
            });
        }
        return out;
    }

    Tensor detach(Tensor a) {
        if (!a.requiresGrad()) {
            return a;
        }
        // A view on the same store: nothing is copied and nothing is recorded, so no gradient passes.
        return new Tensor(a.rows(), a.cols(), a.batch(), a.value(), false);
    }
}
