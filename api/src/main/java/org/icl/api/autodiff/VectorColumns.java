package org.icl.api.autodiff;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD column loops for kernels, for columns of 4 to 24 rows (the incubating Vector API; call them
 * only when {@link Gemm#vectorApi()} is true, and check the height against {@link #MIN_ROWS} and
 * {@link #MAX_ROWS}).
 * A column is covered by 4-wide vectors, the last one overlapping the one before it when the height
 * is not a multiple of four: every vector is loaded before any is stored, and the overlapped rows
 * are computed twice by the same operations, so both stores write the same bits. Each entry is the
 * same sum in the same order as in the plain loops.
 */
public final class VectorColumns {

    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_256;
    private static final int WIDTH = 4;
    /** Heights this class handles. */
    public static final int MIN_ROWS = WIDTH;
    public static final int MAX_ROWS = 6 * WIDTH;

    private VectorColumns() {
    }

    /** y[yOff..yOff+r) += alpha·x[xOff..xOff+r). */
    public static void addScaled(double[] y, int yOff, double alpha, double[] x, int xOff, int r) {
        // Two methods rather than two branches: a vector value live across a branch gets boxed by the JIT.
        if (r <= 3 * WIDTH) {
            addScaledThree(y, yOff, alpha, x, xOff, r);
        } else {
            addScaledSix(y, yOff, alpha, x, xOff, r);
        }
    }

    private static void addScaledThree(double[] y, int yOff, double alpha, double[] x, int xOff, int r) {
        int s1 = Math.min(WIDTH, r - WIDTH);
        int s2 = Math.min(2 * WIDTH, r - WIDTH);
        DoubleVector a = DoubleVector.broadcast(LANES, alpha);
        DoubleVector y0 = DoubleVector.fromArray(LANES, y, yOff);
        DoubleVector y1 = DoubleVector.fromArray(LANES, y, yOff + s1);
        DoubleVector y2 = DoubleVector.fromArray(LANES, y, yOff + s2);
        y0 = DoubleVector.fromArray(LANES, x, xOff).fma(a, y0);
        y1 = DoubleVector.fromArray(LANES, x, xOff + s1).fma(a, y1);
        y2 = DoubleVector.fromArray(LANES, x, xOff + s2).fma(a, y2);
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + s1);
        y2.intoArray(y, yOff + s2);
    }

    private static void addScaledSix(double[] y, int yOff, double alpha, double[] x, int xOff, int r) {
        int s1 = Math.min(WIDTH, r - WIDTH);
        int s2 = Math.min(2 * WIDTH, r - WIDTH);
        int s3 = Math.min(3 * WIDTH, r - WIDTH);
        int s4 = Math.min(4 * WIDTH, r - WIDTH);
        int s5 = Math.min(5 * WIDTH, r - WIDTH);
        DoubleVector a = DoubleVector.broadcast(LANES, alpha);
        DoubleVector y0 = DoubleVector.fromArray(LANES, y, yOff);
        DoubleVector y1 = DoubleVector.fromArray(LANES, y, yOff + s1);
        DoubleVector y2 = DoubleVector.fromArray(LANES, y, yOff + s2);
        DoubleVector y3 = DoubleVector.fromArray(LANES, y, yOff + s3);
        DoubleVector y4 = DoubleVector.fromArray(LANES, y, yOff + s4);
        DoubleVector y5 = DoubleVector.fromArray(LANES, y, yOff + s5);
        y0 = DoubleVector.fromArray(LANES, x, xOff).fma(a, y0);
        y1 = DoubleVector.fromArray(LANES, x, xOff + s1).fma(a, y1);
        y2 = DoubleVector.fromArray(LANES, x, xOff + s2).fma(a, y2);
        y3 = DoubleVector.fromArray(LANES, x, xOff + s3).fma(a, y3);
        y4 = DoubleVector.fromArray(LANES, x, xOff + s4).fma(a, y4);
        y5 = DoubleVector.fromArray(LANES, x, xOff + s5).fma(a, y5);
        y0.intoArray(y, yOff);
        y1.intoArray(y, yOff + s1);
        y2.intoArray(y, yOff + s2);
        y3.intoArray(y, yOff + s3);
        y4.intoArray(y, yOff + s4);
        y5.intoArray(y, yOff + s5);
    }

    /** out[outOff..outOff+r) += Σ_j M[:, j]·(scale·x[xOff + j]) for the column-major r×r matrix M at mOff. */
    public static void multiplyAdd(double[] m, int mOff, int r, double[] x, int xOff, double scale, double[] out, int outOff) {
        if (r <= 3 * WIDTH) {
            multiplyAddThree(m, mOff, r, x, xOff, scale, out, outOff);
        } else {
            multiplyAddSix(m, mOff, r, x, xOff, scale, out, outOff);
        }
    }

    private static void multiplyAddThree(double[] m, int mOff, int r, double[] x, int xOff, double scale, double[] out, int outOff) {
        int s1 = Math.min(WIDTH, r - WIDTH);
        int s2 = Math.min(2 * WIDTH, r - WIDTH);
        DoubleVector o0 = DoubleVector.fromArray(LANES, out, outOff);
        DoubleVector o1 = DoubleVector.fromArray(LANES, out, outOff + s1);
        DoubleVector o2 = DoubleVector.fromArray(LANES, out, outOff + s2);
        for (int j = 0; j < r; j++) {
            DoubleVector xj = DoubleVector.broadcast(LANES, scale * x[xOff + j]);
            int col = mOff + j * r;
            o0 = DoubleVector.fromArray(LANES, m, col).fma(xj, o0);
            o1 = DoubleVector.fromArray(LANES, m, col + s1).fma(xj, o1);
            o2 = DoubleVector.fromArray(LANES, m, col + s2).fma(xj, o2);
        }
        o0.intoArray(out, outOff);
        o1.intoArray(out, outOff + s1);
        o2.intoArray(out, outOff + s2);
    }

    private static void multiplyAddSix(double[] m, int mOff, int r, double[] x, int xOff, double scale, double[] out, int outOff) {
        int s1 = Math.min(WIDTH, r - WIDTH);
        int s2 = Math.min(2 * WIDTH, r - WIDTH);
        int s3 = Math.min(3 * WIDTH, r - WIDTH);
        int s4 = Math.min(4 * WIDTH, r - WIDTH);
        int s5 = Math.min(5 * WIDTH, r - WIDTH);
        DoubleVector o0 = DoubleVector.fromArray(LANES, out, outOff);
        DoubleVector o1 = DoubleVector.fromArray(LANES, out, outOff + s1);
        DoubleVector o2 = DoubleVector.fromArray(LANES, out, outOff + s2);
        DoubleVector o3 = DoubleVector.fromArray(LANES, out, outOff + s3);
        DoubleVector o4 = DoubleVector.fromArray(LANES, out, outOff + s4);
        DoubleVector o5 = DoubleVector.fromArray(LANES, out, outOff + s5);
        for (int j = 0; j < r; j++) {
            DoubleVector xj = DoubleVector.broadcast(LANES, scale * x[xOff + j]);
            int col = mOff + j * r;
            o0 = DoubleVector.fromArray(LANES, m, col).fma(xj, o0);
            o1 = DoubleVector.fromArray(LANES, m, col + s1).fma(xj, o1);
            o2 = DoubleVector.fromArray(LANES, m, col + s2).fma(xj, o2);
            o3 = DoubleVector.fromArray(LANES, m, col + s3).fma(xj, o3);
            o4 = DoubleVector.fromArray(LANES, m, col + s4).fma(xj, o4);
            o5 = DoubleVector.fromArray(LANES, m, col + s5).fma(xj, o5);
        }
        o0.intoArray(out, outOff);
        o1.intoArray(out, outOff + s1);
        o2.intoArray(out, outOff + s2);
        o3.intoArray(out, outOff + s3);
        o4.intoArray(out, outOff + s4);
        o5.intoArray(out, outOff + s5);
    }
}
