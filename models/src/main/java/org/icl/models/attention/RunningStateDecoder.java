package org.icl.models.attention;

import java.util.List;

import org.icl.api.autodiff.RowSupport;
import org.icl.api.autodiff.Tensor;
import org.icl.api.autodiff.VectorColumns;
import org.icl.api.model.Decoder;

/**
 * Decodes with linear self-attention from a running state: per sequence the sum S = Σ_s z_s z_sᵀ over
 * the columns so far and the last column z. The output for the last column, z + c·V S W z, reads
 * every column whether or not the model is causal, so the state serves both. A step costs O(D²) per
 * sequence however long the sequence is, and memory holds one D×D matrix per sequence.
 */
final class RunningStateDecoder implements Decoder {

    /** Whether the column loops take their SIMD versions ({@link VectorColumns}). */
    private static final boolean SIMD = org.icl.api.autodiff.Gemm.vectorApi();

    private final double[] v;
    private final double[] w;
    private final double scale;
    private final int dim;
    private final int batch;
    /** S of sequence b at b·dim²: column-major dim × dim. */
    private final double[] sums;
    private final double[] last;
    private final double[] output;
    private final double[] u;
    private final double[] a;

    RunningStateDecoder(double[] v, double[] w, double scale, Tensor prompt) {
        this.v = v;
        this.w = w;
        this.scale = scale;
        this.dim = prompt.rows();
        this.batch = prompt.batch();
        this.sums = new double[dim * dim * batch];
        this.last = new double[dim * batch];
        this.output = new double[dim * batch];
        this.u = new double[dim];
        this.a = new double[dim];
        List<RowSupport.Segment> segments = prompt.support().orElse(RowSupport.dense(dim)).segments();
        int length = prompt.cols();
        double[] z = prompt.data();
        for (int b = 0; b < batch; b++) {
            int segment = 0;
            for (int t = 0; t < length; t++) {
                while (segment + 1 < segments.size() && segments.get(segment + 1).firstColumn() <= t) {
                    segment++;
                }
                RowSupport.Segment s = segments.get(segment);
                addOuterProduct(b, z, (b * length + t) * dim, s.rowFrom(), s.rowTo());
            }
            System.arraycopy(z, (b * length + length - 1) * dim, last, b * dim, dim);
        }
    }

    @Override
    public Tensor output() {
        for (int b = 0; b < batch; b++) {
            // u = W z, a = S u, out = z + c·V a
            int o = b * dim;
            java.util.Arrays.fill(u, 0.0);
            multiplyAdd(w, 0, last, o, 1.0, u, 0);
            java.util.Arrays.fill(a, 0.0);
            multiplyAdd(sums, b * dim * dim, u, 0, 1.0, a, 0);
            System.arraycopy(last, o, output, o, dim);
            multiplyAdd(v, 0, a, 0, scale, output, o);
        }
        return Tensor.wrap(dim, 1, batch, output);
    }

    @Override
    public void append(Tensor column) {
        if (column.rows() != dim || column.cols() != 1 || column.batch() != batch) {
            throw new IllegalArgumentException("cannot append " + column + " to a batch of " + batch + " sequences of " + dim + " rows");
        }
        // Copy first: the column may be this decoder's own output buffer.
        System.arraycopy(column.data(), 0, last, 0, dim * batch);
        for (int b = 0; b < batch; b++) {
            addOuterProduct(b, last, b * dim, 0, dim);
        }
    }

    /** S_b += z[from..to) z[from..to)ᵀ for the column at offset {@code column} of {@code z}. */
    private void addOuterProduct(int b, double[] z, int column, int from, int to) {
        int base = b * dim * dim;
        boolean simd = SIMD && to - from >= VectorColumns.MIN_ROWS && to - from <= VectorColumns.MAX_ROWS;
        for (int j = from; j < to; j++) {
            double zj = z[column + j];
            int col = base + j * dim;
            if (simd) {
                VectorColumns.addScaled(sums, col + from, zj, z, column + from, to - from);
                continue;
            }
            for (int i = from; i < to; i++) {
                sums[col + i] += z[column + i] * zj;
            }
        }
    }

    /** y[yOff..] += M·(scale·x[xOff..]) for the column-major dim × dim matrix M at {@code mOffset}. */
    private void multiplyAdd(double[] m, int mOffset, double[] x, int xOffset, double scale, double[] y, int yOff) {
        if (SIMD && dim >= VectorColumns.MIN_ROWS && dim <= VectorColumns.MAX_ROWS) {
            VectorColumns.multiplyAdd(m, mOffset, dim, x, xOffset, scale, y, yOff);
            return;
        }
        for (int j = 0; j < dim; j++) {
            double xj = scale * x[xOffset + j];
            int col = mOffset + j * dim;
            for (int i = 0; i < dim; i++) {
                y[yOff + i] += m[col + i] * xj;
            }
        }
    }
}
