package org.icl.api.autodiff;

/** Matrix products with transpose flags and batch broadcasting. The public entry points are {@link Tape}'s methods of the same names. */
final class ProductOps extends OpFamily {

    private final Gemm gemm = new Gemm();

    ProductOps(Tape tape) {
        super(tape);
    }

    Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        int m = transposeA ? a.cols() : a.rows();
        int p = transposeA ? a.rows() : a.cols();
        int pb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (p != pb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + a + (transposeA ? "ᵀ" : "")
                    + " · " + b + (transposeB ? "ᵀ" : ""));
        }
        int batch = broadcastBatch(a, b);
        Tensor out = result(m, n, batch, tracks(a, b), false);
        int aStep = a.batch() == 1 ? 0 : a.rows() * a.cols();
        int bStep = b.batch() == 1 ? 0 : b.rows() * b.cols();
        int aCols = a.batch() == 1 ? 0 : a.cols();
        int bCols = b.batch() == 1 ? 0 : b.cols();
        // A constant operand that is mostly zeros (one-hot tokens) takes the sparse path, here and in the backward pass.
        SparseColumns sa = sparse(a);
        SparseColumns sb = sa == null ? sparse(b) : null;
        // A shared left operand times the batch laid side by side is one product of the whole store.
        boolean wide = aStep == 0 && bStep != 0 && !transposeB;
        if (wide) {
            if (sa != null) {
                sa.timesDense(0, transposeA, b.data(), 0, b.rows(), false, out.data(), 0, m, n * batch, p, false);
            } else if (sb != null) {
                sb.denseTimes(a.data(), 0, a.rows(), transposeA, 0, false, out.data(), 0, m, n * batch, p, false);
            } else {
                gemm.multiply(a.data(), 0, a.rows(), transposeA, b.data(), 0, b.rows(), false,
                        out.data(), 0, m, n * batch, p, false);
            }
        } else {
            for (int s = 0; s < batch; s++) {
                if (sa != null) {
                    sa.timesDense(s * aCols, transposeA, b.data(), s * bStep, b.rows(), transposeB, out.data(), s * m * n, m, n, p, false);
                } else if (sb != null) {
                    sb.denseTimes(a.data(), s * aStep, a.rows(), transposeA, s * bCols, transposeB, out.data(), s * m * n, m, n, p, false);
                } else {
                    gemm.multiply(a.data(), s * aStep, a.rows(), transposeA, b.data(), s * bStep, b.rows(), transposeB,
                            out.data(), s * m * n, m, n, p, false);
                }
            }
        }
        if (out.requiresGrad()) {
            record(out, () -> {
                double[] g = out.grad.data;
                if (a.requiresGrad()) {
                    double[] ga = gradOf(a);
                    if (wide) {
                        if (!transposeA) {
                            if (sb != null) {
                                sb.denseTimes(g, 0, m, false, 0, true, ga, 0, m, p, n * batch, true);
                            } else {
                                gemm.multiply(g, 0, m, false, b.data(), 0, b.rows(), true, ga, 0, m, p, n * batch, true);
                            }
                        } else if (sb != null) {
                            sb.timesDense(0, false, g, 0, m, true, ga, 0, p, m, n * batch, true);
                        } else {
                            gemm.multiply(b.data(), 0, b.rows(), false, g, 0, m, true, ga, 0, p, m, n * batch, true);
                        }
                    } else {
                        for (int s = 0; s < batch; s++) {
                            if (!transposeA) {
                                if (sb != null) {
                                    sb.denseTimes(g, s * m * n, m, false, s * bCols, !transposeB, ga, s * aStep, m, p, n, true);
                                } else {
                                    gemm.multiply(g, s * m * n, m, false, b.data(), s * bStep, b.rows(), !transposeB,
                                            ga, s * aStep, m, p, n, true);
                                }
                            } else if (sb != null) {
                                sb.timesDense(s * bCols, transposeB, g, s * m * n, m, true, ga, s * aStep, p, m, n, true);
                            } else {
                                gemm.multiply(b.data(), s * bStep, b.rows(), transposeB, g, s * m * n, m, true,
                                        ga, s * aStep, p, m, n, true);
                            }
                        }
                    }
                }
                if (b.requiresGrad()) {
                    double[] gb = gradOf(b);
                    if (wide) {
                        if (sa != null) {
                            sa.timesDense(0, !transposeA, g, 0, m, false, gb, 0, p, n * batch, m, true);
                        } else {
                            gemm.multiply(a.data(), 0, a.rows(), !transposeA, g, 0, m, false, gb, 0, p, n * batch, m, true);
                        }
                    } else {
                        for (int s = 0; s < batch; s++) {
                            if (!transposeB) {
                                if (sa != null) {
                                    sa.timesDense(s * aCols, !transposeA, g, s * m * n, m, false, gb, s * bStep, p, n, m, true);
                                } else {
                                    gemm.multiply(a.data(), s * aStep, a.rows(), !transposeA, g, s * m * n, m, false,
                                            gb, s * bStep, p, n, m, true);
                                }
                            } else if (sa != null) {
                                sa.denseTimes(g, s * m * n, m, true, s * aCols, transposeA, gb, s * bStep, n, p, m, true);
                            } else {
                                gemm.multiply(g, s * m * n, m, true, a.data(), s * aStep, a.rows(), transposeA,
                                        gb, s * bStep, n, p, m, true);
                            }
                        }
                    }
                }
            });
        }
        return out;
    }

    /** The nonzeros of a constant operand when it is sparse enough to pay (found once per tensor); null for a trained one or a dense one. */
    private static SparseColumns sparse(Tensor t) {
        if (t.requiresGrad()) {
            return null;
        }
        if (!t.scanned) {
            t.nonzeros = SparseColumns.of(t.data(), t.rows(), t.cols() * t.batch());
            t.scanned = true;
        }
        return t.nonzeros;
    }
}
