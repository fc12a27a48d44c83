package org.icl.models.attention;

import java.util.Arrays;
import java.util.List;

import org.icl.api.autodiff.Gemm;
import org.icl.api.autodiff.Kernel;
import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.RowSupport;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.autodiff.VectorColumns;

/**
 * Causal linear self-attention for the query columns {@code first..T−1}, forward and backward as
 * one kernel: out_t = z_t + c·V S_t W z_t with the prefix sum S_t = Σ_{s≤t} z_s z_sᵀ and c = 1/n.
 *
 * <p>Why prefix sums: the score form Zᵀ W Z costs O(T²·D) per prompt and builds T×T matrices; the
 * prefix sum costs O(T·D²), keeps one D×D matrix per prompt in cache, and needs no mask. Where the
 * input announces its {@link RowSupport} (a task's prompt: data columns use the x and y rows, CoT
 * columns the w and const rows), S_t is a sum of one small block per column segment, and every
 * product touches only those rows. The backward pass recomputes S_t instead of storing it per query,
 * starting from S just before the first query, which the forward pass keeps per prompt.
 * When few columns are queried (one, without CoT), building the prefix sums costs more than using
 * them; the kernel then takes S_t x = Σ_{s≤t} z_s (z_sᵀ x) straight from the columns.
 * The products over all queries of the batch (V·A, its gradients, Vᵀ·G) are single wide products.
 *
 * <p>Gradients: with h_t = Vᵀ g_t and p_t = c·S_t h_t (S_t symmetric), dV = Σ g_t a_tᵀ for
 * a_t = c·S_t W z_t, dW = Σ p_t z_tᵀ, and, when the input is itself trained (a stacked model),
 * dz_t = g_t + Wᵀ p_t + Σ_{s≥t} c (h_s u_sᵀ + u_s h_sᵀ) z_t with u_s = W z_s.
 */
final class CausalLinearAttention implements Kernel {

    /** Whether the per-prompt column loops take their SIMD versions ({@link VectorColumns}). */
    private static final boolean SIMD = Gemm.vectorApi();

    private final Tape tape;
    private final Tensor z;
    private final Parameter v;
    private final Parameter w;
    private final int first;
    private final double scale;
    private final int dim;
    private final int length;
    private final int queries;
    private final int batch;
    /** Column segments with their row ranges; one dense segment when the input is trained or announces none. */
    private final int[] segmentStart;
    private final int[] rowFrom;
    private final int[] rowCount;
    /** Offset of each segment's block of S in the block array, and the array's length. */
    private final int[] blockOffset;
    private final int blockLength;
    /**
     * Whether S_t x is taken as Σ_{s≤t} z_s (z_sᵀ x) instead of from prefix sums: cheaper when few columns are
     * queried (one, as without CoT or in decoding), since then the prefix sums are built for a single use.
     */
    private final boolean scoreForm;
    /** The segment holding every query column, or −1 if they span several; then W z_t and dW are products per prompt. */
    private final int querySegment;
    private final Gemm gemm = new Gemm();
    /** a_t = c·S_t W z_t for every query of the batch (dim × queries·batch), kept for the backward pass. */
    private double[] attended;
    /** S_{first−1} of every prompt (the blocks before the first query), so the backward pass starts there. */
    private double[] beforeQueries;

    CausalLinearAttention(Tape tape, Tensor z, Parameter v, Parameter w, int first, double scale) {
        this.tape = tape;
        this.z = z;
        this.v = v;
        this.w = w;
        this.first = first;
        this.scale = scale;
        this.dim = z.rows();
        this.length = z.cols();
        this.queries = length - first;
        this.batch = z.batch();
        List<RowSupport.Segment> segments = z.requiresGrad() ? RowSupport.dense(dim).segments()
                : z.support().orElse(RowSupport.dense(dim)).segments();
        int count = segments.size();
        segmentStart = new int[count];
        rowFrom = new int[count];
        rowCount = new int[count];
        blockOffset = new int[count];
        int offset = 0;
        for (int g = 0; g < count; g++) {
            RowSupport.Segment s = segments.get(g);
            segmentStart[g] = s.firstColumn();
            rowFrom[g] = s.rowFrom();
            rowCount[g] = s.rowTo() - s.rowFrom();
            blockOffset[g] = offset;
            offset += rowCount[g] * rowCount[g];
        }
        blockLength = offset;
        scoreForm = scoreCost() < prefixCost();
        int firstSegment = segmentOf(first, 0);
        querySegment = firstSegment == segmentOf(length - 1, firstSegment) ? firstSegment : -1;
    }

    @Override
    public void forward(Tensor out) {
        double[] zd = z.data();
        double[] wd = w.data();
        attended = tape.scratch(dim * queries * batch);
        beforeQueries = scoreForm ? null : tape.scratch(blockLength * batch);
        double[] blocks = tape.scratch(blockLength);
        // W z_t of the prompt's queries: one product per prompt when they share a segment, else column by column.
        double[] u = tape.scratch(dim * queries);
        QueryStep step = (prompt, t, segment, column) -> {
            int q = t - first;
            if (querySegment < 0) {
                multiplyW(wd, zd, column, segment, u, q * dim);
            }
            multiplyPrefix(blocks, prompt, t, segment, u, q * dim, attended, (prompt * queries + q) * dim);
        };
        for (int b = 0; b < batch; b++) {
            if (querySegment >= 0) {
                int from = rowFrom[querySegment];
                gemm.multiply(wd, from * dim, dim, false, zd, (b * length + first) * dim + from, dim, false,
                        u, 0, dim, queries, rowCount[querySegment], false);
            }
            prefixPass(b, blocks, zd, step, false);
        }
        // out = Z_queries + V·A: copy the query columns, then one product over the whole batch.
        double[] o = out.data();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(zd, (b * length + first) * dim, o, b * queries * dim, queries * dim);
        }
        gemm.multiply(v.data(), 0, dim, false, attended, 0, dim, false, o, 0, dim, queries * batch, dim, true);
    }

    @Override
    public void backward(Tensor out, double[] g, Gradients gradients) {
        double[] gv = gradients.of(v);
        double[] gw = gradients.of(w);
        double[] gz = gradients.of(z);
        int columns = queries * batch;
        if (gv != null) {
            gemm.multiply(g, 0, dim, false, attended, 0, dim, true, gv, 0, dim, dim, columns, true);
        }
        if (gw == null && gz == null) {
            return;
        }
        double[] h = tape.scratch(dim * columns);
        // Accumulating into the zeroed scratch spares the product its own zero fill.
        gemm.multiply(v.data(), 0, dim, true, g, 0, dim, false, h, 0, dim, columns, dim, true);
        double[] zd = z.data();
        double[] wd = w.data();
        double[] blocks = tape.scratch(blockLength);
        // p_t of the prompt's queries; dW += P Z_qᵀ is then one product per prompt when the queries share a segment.
        double[] p = tape.scratch(dim * queries);
        // For a trained input: u_t and p_t of every query of one prompt, and the suffix sum of c(h uᵀ + u hᵀ).
        double[] us = gz == null ? null : tape.scratch(dim * queries);
        double[] suffix = gz == null ? null : tape.scratch(dim * dim);
        QueryStep step = (prompt, t, segment, column) -> {
            int q = t - first;
            int query = (prompt * queries + q) * dim;
            int pq = q * dim;
            multiplyPrefix(blocks, prompt, t, segment, h, query, p, pq);
            if (gw != null && querySegment < 0) {
                // dW[:, R] += p z_t[R]ᵀ over the rows R of this column's segment.
                for (int j = 0; j < rowCount[segment]; j++) {
                    int r = rowFrom[segment] + j;
                    double zj = zd[column + r];
                    int wc = r * dim;
                    for (int i = 0; i < dim; i++) {
                        gw[wc + i] += p[pq + i] * zj;
                    }
                }
            }
            if (gz != null) {
                // dz_t += g_t + Wᵀ p_t (dense: a trained input has no support); keep u_t for the suffix pass.
                for (int i = 0; i < dim; i++) {
                    double sum = g[query + i];
                    int wc = i * dim;
                    for (int k = 0; k < dim; k++) {
                        sum += wd[wc + k] * p[pq + k];
                    }
                    gz[column + i] += sum;
                }
                multiplyW(wd, zd, column, segment, us, q * dim);
            }
        };
        for (int b = 0; b < batch; b++) {
            Arrays.fill(p, 0.0);
            prefixPass(b, blocks, zd, step, true);
            if (gw != null && querySegment >= 0) {
                int from = rowFrom[querySegment];
                gemm.multiply(p, 0, dim, false, zd, (b * length + first) * dim + from, dim, true,
                        gw, from * dim, dim, rowCount[querySegment], queries, true);
            }
            if (gz != null) {
                addSuffixTerms(gz, zd, h, us, suffix, b);
            }
        }
    }

    /** What a pass does at query column t of prompt b, with S_t in the blocks; {@code column} is z_t's offset. */
    @FunctionalInterface
    private interface QueryStep {
        void at(int b, int t, int segment, int column);
    }

    /**
     * Builds the prefix sums S_t of prompt b column by column into the blocks, calling {@code step} at each query
     * column. The forward pass keeps S just before the first query; the backward pass ({@code resume}) starts from it.
     */
    private void prefixPass(int b, double[] blocks, double[] zd, QueryStep step, boolean resume) {
        int start = 0;
        if (resume && !scoreForm) {
            System.arraycopy(beforeQueries, b * blockLength, blocks, 0, blockLength);
            start = first;
        } else {
            Arrays.fill(blocks, 0.0);
        }
        int segment = segmentOf(start, 0);
        for (int t = start; t < length; t++) {
            segment = segmentOf(t, segment);
            int column = (b * length + t) * dim;
            if (t == first && !resume && !scoreForm) {
                System.arraycopy(blocks, 0, beforeQueries, b * blockLength, blockLength);
            }
            if (!scoreForm) {
                addOuterProduct(blocks, segment, zd, column);
            }
            if (t >= first) {
                step.at(b, t, segment, column);
            }
        }
    }

    /** Adds c·Σ_{s≥t, s a query} (h_s u_sᵀ + u_s h_sᵀ) z_t to dz_t for every column t of prompt b (dense). */
    private void addSuffixTerms(double[] gz, double[] zd, double[] h, double[] us, double[] suffix, int b) {
        Arrays.fill(suffix, 0.0);
        for (int t = length - 1; t >= 0; t--) {
            if (t >= first) {
                int q = t - first;
                int hq = (b * queries + q) * dim;
                for (int j = 0; j < dim; j++) {
                    double hj = scale * h[hq + j];
                    double uj = scale * us[q * dim + j];
                    int col = j * dim;
                    for (int i = 0; i < dim; i++) {
                        suffix[col + i] += h[hq + i] * uj + us[q * dim + i] * hj;
                    }
                }
            }
            int column = (b * length + t) * dim;
            for (int j = 0; j < dim; j++) {
                double zj = zd[column + j];
                int col = j * dim;
                for (int i = 0; i < dim; i++) {
                    gz[column + i] += suffix[col + i] * zj;
                }
            }
        }
    }

    /** S_g += z[R_g] z[R_g]ᵀ for the block of the column's segment g. */
    private void addOuterProduct(double[] blocks, int g, double[] zd, int column) {
        int from = column + rowFrom[g];
        int r = rowCount[g];
        int offset = blockOffset[g];
        boolean simd = simd(r);
        for (int j = 0; j < r; j++) {
            double zj = zd[from + j];
            int col = offset + j * r;
            if (simd) {
                VectorColumns.addScaled(blocks, col, zj, zd, from, r);
                continue;
            }
            for (int i = 0; i < r; i++) {
                blocks[col + i] += zd[from + i] * zj;
            }
        }
    }

    /** Whether a block of r rows takes the SIMD column loops. */
    private static boolean simd(int r) {
        return SIMD && r >= VectorColumns.MIN_ROWS && r <= VectorColumns.MAX_ROWS;
    }

    /** u[uOffset..] = W[:, R_g] z[R_g], written over u. */
    private void multiplyW(double[] wd, double[] zd, int column, int g, double[] u, int uOffset) {
        Arrays.fill(u, uOffset, uOffset + dim, 0.0);
        int from = rowFrom[g];
        for (int j = 0; j < rowCount[g]; j++) {
            double zj = zd[column + from + j];
            int wc = (from + j) * dim;
            for (int i = 0; i < dim; i++) {
                u[uOffset + i] += wd[wc + i] * zj;
            }
        }
    }

    /** Multiply-adds of the prefix form for all queries: the blocks of S, then S_t x per query. */
    private long prefixCost() {
        long cost = 0;
        int segment = 0;
        for (int t = 0; t < length; t++) {
            segment = segmentOf(t, segment);
            cost += (long) rowCount[segment] * rowCount[segment];
            if (t >= first) {
                for (int k = 0; k <= segment; k++) {
                    cost += (long) rowCount[k] * rowCount[k];
                }
            }
        }
        return cost;
    }

    /** Multiply-adds of the score form for all queries: z_sᵀ x and its multiple of z_s for every key s ≤ t. */
    private long scoreCost() {
        long cost = 0;
        long keys = 0;
        int segment = 0;
        for (int t = 0; t < length; t++) {
            segment = segmentOf(t, segment);
            keys += 2L * rowCount[segment];
            if (t >= first) {
                cost += keys;
            }
        }
        return cost;
    }

    private int segmentOf(int t, int current) {
        int segment = current;
        while (segment + 1 < segmentStart.length && segmentStart[segment + 1] <= t) {
            segment++;
        }
        return segment;
    }

    /**
     * out += c·S_t x for query column t of prompt b: from the prefix sums in the blocks (segments up to g),
     * or in the score form straight from the columns s ≤ t.
     */
    private void multiplyPrefix(double[] blocks, int b, int t, int g, double[] x, int xOffset, double[] out, int outOffset) {
        if (scoreForm) {
            double[] zd = z.data();
            int segment = 0;
            for (int s = 0; s <= t; s++) {
                segment = segmentOf(s, segment);
                int from = rowFrom[segment];
                int r = rowCount[segment];
                int column = (b * length + s) * dim + from;
                double score = 0;
                for (int i = 0; i < r; i++) {
                    score += zd[column + i] * x[xOffset + from + i];
                }
                score *= scale;
                for (int i = 0; i < r; i++) {
                    out[outOffset + from + i] += zd[column + i] * score;
                }
            }
            return;
        }
        for (int k = 0; k <= g; k++) {
            int from = rowFrom[k];
            int r = rowCount[k];
            int offset = blockOffset[k];
            if (simd(r)) {
                VectorColumns.multiplyAdd(blocks, offset, r, x, xOffset + from, scale, out, outOffset + from);
                continue;
            }
            for (int j = 0; j < r; j++) {
                double xj = scale * x[xOffset + from + j];
                int col = offset + j * r;
                for (int i = 0; i < r; i++) {
                    out[outOffset + from + i] += blocks[col + i] * xj;
                }
            }
        }
    }

}
