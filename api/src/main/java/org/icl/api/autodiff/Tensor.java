package org.icl.api.autodiff;

import java.util.Optional;

import org.ojalgo.matrix.store.R064Store;

/**
 * A batch of equally shaped matrices, the value type of the differentiable core.
 *
 * <p>All matrices of the batch live side by side in one column-major ojAlgo store of
 * {@code rows × (batch·cols)}: matrix {@code b} occupies columns {@code b·cols .. (b+1)·cols − 1}.
 * A broadcast operand (a parameter, say) has {@code batch = 1}. Keeping the batch in one store
 * lets a parameter multiply the whole batch in a single product.
 */
public class Tensor {

    private final int rows;
    private final int cols;
    private final int batch;
    private final R064Store value;
    private final boolean requiresGrad;
    R064Store grad;
    /** Rows that may be nonzero, column by column, when the tensor's maker announced them; null means dense. */
    RowSupport support;
    /**
     * A constant's nonzeros, found when it first enters a product and kept for its later products and their
     * backward passes (null: dense, or not scanned yet); a constant must not be written after that.
     */
    SparseColumns nonzeros;
    boolean scanned;

    Tensor(int rows, int cols, int batch, R064Store value, boolean requiresGrad) {
        if (value.countRows() != rows || value.countColumns() != (long) cols * batch) {
            throw new IllegalArgumentException("store is " + value.countRows() + "×" + value.countColumns()
                    + ", expected " + rows + "×" + (long) cols * batch);
        }
        this.rows = rows;
        this.cols = cols;
        this.batch = batch;
        this.value = value;
        this.requiresGrad = requiresGrad;
    }

    /** Wraps a column-major array as a constant: matrix b's entry (r, c) is {@code data[(b·cols + c)·rows + r]}. */
    public static Tensor wrap(int rows, int cols, int batch, double[] data) {
        if (data.length != rows * cols * batch) {
            throw new IllegalArgumentException("array has " + data.length + " entries, expected " + rows * cols * batch);
        }
        return new Tensor(rows, cols, batch, R064Store.wrap(data, rows), false);
    }

    /**
     * Wraps a column-major array as a constant whose entries outside {@code support} are zero (the
     * caller's promise; kernels skip them).
     */
    public static Tensor wrap(int rows, int cols, int batch, double[] data, RowSupport support) {
        Tensor t = wrap(rows, cols, batch, data);
        t.support = checked(support, rows, cols);
        return t;
    }

    static RowSupport checked(RowSupport support, int rows, int cols) {
        if (!support.fits(rows, cols)) {
            throw new IllegalArgumentException(support + " does not fit a " + rows + "×" + cols + " matrix");
        }
        return support;
    }

    /** Rows of each matrix (the token dimension, for a prompt). */
    public int rows() {
        return rows;
    }

    /** Columns of each matrix (tokens, for a prompt). */
    public int cols() {
        return cols;
    }

    /** Number of matrices; 1 for a parameter or any operand broadcast over a batch. */
    public int batch() {
        return batch;
    }

    /** Number of entries over the whole batch. */
    public int size() {
        return rows * cols * batch;
    }

    /** Whether backward passes reach this tensor: true for parameters and results computed from them. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The rows each column may use, if the tensor's maker announced them (a task's inputs); empty means dense. */
    public Optional<RowSupport> support() {
        return Optional.ofNullable(support);
    }

    /** The ojAlgo store holding the batch, {@code rows × (batch·cols)}. */
    public R064Store value() {
        return value;
    }

    /** The raw column-major array behind {@link #value()}; tight loops read and write it directly. */
    public double[] data() {
        return value.data;
    }

    /** The gradient accumulated by the last backward pass, or null if none reached this tensor. */
    public R064Store grad() {
        return grad;
    }

    /** Offset of entry (r, c) of matrix b in {@link #data()}. */
    public int index(int b, int r, int c) {
        return (b * cols + c) * rows + r;
    }

    /** Entry (r, c) of matrix b. */
    public double get(int b, int r, int c) {
        return value.data[index(b, r, c)];
    }

    /** Sets entry (r, c) of matrix b; for filling constants and initial parameters, never a recorded result. */
    public void set(int b, int r, int c, double v) {
        value.data[index(b, r, c)] = v;
    }

    @Override
    public String toString() {
        return "Tensor[" + rows + "×" + cols + (batch > 1 ? " ×" + batch : "") + "]";
    }
}
