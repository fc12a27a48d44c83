package org.icl.api.autodiff;

import java.util.ArrayList;
import java.util.List;

import org.ojalgo.matrix.store.R064Store;

/**
 * Records a forward pass so that {@link #backward} can push gradients back to the parameters.
 *
 * <p>Every op takes and returns {@link Tensor}s; an op whose inputs need no gradient records
 * nothing. Results live in stores the tape lends from its pool; {@link #reset()} takes them all
 * back, so one tape serves every step of a training run without new allocations. A tape is
 * confined to one thread.
 */
public final class Tape {

    private final boolean recording;
    private final StorePool pool = new StorePool();
    private final List<Runnable> backwardSteps = new ArrayList<>();
    /** Parameters with frozen entries that received a gradient in the running backward pass. */
    private final List<Parameter> restricted = new ArrayList<>();
    private final ProductOps products = new ProductOps(this);
    private final EntrywiseOps entrywise = new EntrywiseOps(this);
    private final ShapeOps shapes = new ShapeOps(this);
    private final ReductionOps reductions = new ReductionOps(this);

    private Tape(boolean recording) {
        this.recording = recording;
    }

    /** A tape that records ops for a backward pass. */
    public static Tape forTraining() {
        return new Tape(true);
    }

    /** A tape that only evaluates: no op is recorded, no gradient is kept. */
    public static Tape forInference() {
        return new Tape(false);
    }

    /**
     * Back-propagates from a scalar (1×1, batch 1), adding into every parameter's gradient; then zeroes the
     * gradient of the entries a parameter holds fixed (see {@link Parameter#restrictTraining}).
     */
    public void backward(Tensor loss) {
        if (!recording) {
            throw new IllegalStateException("backward on an inference tape");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got " + loss);
        }
        if (!loss.requiresGrad()) {
            return;
        }
        gradOf(loss)[0] += 1.0;
        for (int i = backwardSteps.size() - 1; i >= 0; i--) {
            backwardSteps.get(i).run();
        }
        backwardSteps.clear();
        restricted.forEach(Parameter::maskGradient);
        restricted.clear();
    }

    /** Forgets the recorded ops and takes back every store; tensors made by this tape become invalid. */
    public void reset() {
        backwardSteps.clear();
        restricted.clear();
        pool.releaseAll();
    }

    /**
     * A zero-filled constant (no gradient) from the tape's pool, for inputs and targets built every
     * step; like every result it is taken back at {@link #reset()}.
     */
    public Tensor constant(int rows, int cols, int batch) {
        return result(rows, cols, batch, false, true);
    }

    // ---- products --------------------------------------------------------------------------------

    /** Matrix product a·b, batch by batch; an operand of batch 1 is shared by the whole batch. */
    public Tensor matmul(Tensor a, Tensor b) {
        return products.matmul(a, b);
    }

    /** Matrix product op(a)·op(b), where op transposes when its flag is set; no transposed copy is made. */
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        return products.matmul(a, transposeA, b, transposeB);
    }

    // ---- entrywise -------------------------------------------------------------------------------

    /** a + b; an operand of batch 1 is added to every matrix of the other. */
    public Tensor add(Tensor a, Tensor b) {
        return entrywise.add(a, b);
    }

    /** a − b, broadcasting like {@link #add}. */
    public Tensor subtract(Tensor a, Tensor b) {
        return entrywise.subtract(a, b);
    }

    /** Entrywise (Hadamard) product a∘b, broadcasting like {@link #add}. */
    public Tensor hadamard(Tensor a, Tensor b) {
        return entrywise.hadamard(a, b);
    }

    /** c·a for a constant c. */
    public Tensor scale(Tensor a, double c) {
        return entrywise.scale(a, c);
    }

    /** f applied to every entry of a. */
    public Tensor map(Tensor a, Elementwise f) {
        return entrywise.map(a, f);
    }

    /** a + v·1ᵀ: the column v (a's rows × 1, batch 1 or a's batch) added to every column of a, e.g. a bias. */
    public Tensor addColumn(Tensor a, Tensor v) {
        return entrywise.addColumn(a, v);
    }

    /** diag(v)·a: row r of a multiplied by v_r, for a column v (a's rows × 1, batch 1 or a's batch), e.g. a gain. */
    public Tensor scaleRows(Tensor a, Tensor v) {
        return entrywise.scaleRows(a, v);
    }

    /**
     * Causal mask over keys (rows) and queries (columns): entry (s, t) is kept when s ≤ t and
     * replaced by {@code fill} otherwise (0 for linear attention, −∞ before a softmax).
     */
    public Tensor causalMask(Tensor a, double fill) {
        return entrywise.causalMask(a, fill);
    }

    /**
     * Causal mask where column c holds the query at position {@code firstQuery + c}: entry (s, c) is
     * kept when key s ≤ firstQuery + c, else replaced by {@code fill}. Lets a model score only the
     * queries whose outputs are needed.
     */
    public Tensor causalMask(Tensor a, int firstQuery, double fill) {
        return entrywise.causalMask(a, firstQuery, fill);
    }

    // ---- shape -----------------------------------------------------------------------------------

    /** aᵀ, matrix by matrix. */
    public Tensor transpose(Tensor a) {
        return shapes.transpose(a);
    }

    /** Rows from (inclusive) to to (exclusive) of every matrix. */
    public Tensor sliceRows(Tensor a, int from, int to) {
        return shapes.sliceRows(a, from, to);
    }

    /** Columns from (inclusive) to to (exclusive) of every matrix. */
    public Tensor sliceCols(Tensor a, int from, int to) {
        return shapes.sliceCols(a, from, to);
    }

    /** The rows of a above the rows of b; both have the same columns and batch. */
    public Tensor concatRows(Tensor a, Tensor b) {
        return shapes.concatRows(a, b);
    }

    /** The columns of a followed by the columns of b; both have the same rows and batch. */
    public Tensor concatCols(Tensor a, Tensor b) {
        return shapes.concatCols(a, b);
    }

    /**
     * The batches of {@code parts} one after another: a tensor of the parts' common shape whose batch is
     * the sum of theirs. A model that returns several outputs per prompt (a looped model's last loops)
     * stacks them so that a loss against one target scores each (see {@link #squaredError}).
     */
    public Tensor stackBatches(List<Tensor> parts) {
        return shapes.stackBatches(parts);
    }

    /**
     * The values of a, cut off from the gradient (stop-gradient): nothing reaching the result flows back
     * into a. The result shares a's store, so it must not be written to.
     */
    public Tensor detach(Tensor a) {
        return shapes.detach(a);
    }

    // ---- softmax, reductions and losses ----------------------------------------------------------

    /**
     * Softmax down each column (over the rows), computed with the column's maximum taken out. Infinite
     * entries follow the limits: −∞ entries get probability 0; if a column holds +∞ entries they share
     * the probability equally and all others get 0; a column of only −∞ (a query that may attend to
     * nothing) gets all zeros, not NaN, so its attention output is zero and no gradient flows through it.
     */
    public Tensor softmaxColumns(Tensor a) {
        return reductions.softmaxColumns(a);
    }

    /**
     * Each column centred and scaled to unit variance over its rows, (x − mean)/sqrt(variance + ε) with the
     * biased variance: the normalisation of layer norm, whose gain and bias are {@link #scaleRows} and
     * {@link #addColumn}. ε > 0 keeps a constant column finite (it maps to zeros).
     */
    public Tensor normalizeColumns(Tensor a, double epsilon) {
        return reductions.normalizeColumns(a, epsilon);
    }

    /** The sum of all entries over the whole batch, as a scalar. */
    public Tensor sum(Tensor a) {
        return reductions.sum(a);
    }

    /**
     * Squared error summed over the entries of each matrix and averaged over the batch:
     * (1/B) Σ ||prediction − target||²; the target is a constant of the same shape. A prediction whose
     * batch is m times the target's holds m stacked predictions of the same prompts (see
     * {@link #stackBatches}); each is scored against the target and the loss is their mean.
     */
    public Tensor squaredError(Tensor prediction, Tensor target) {
        return reductions.squaredError(prediction, target);
    }

    /**
     * Squared error per supervised token: Σ_c ||prediction_c − target_c||² over the supervised columns c,
     * divided by their number, so that sequences of different lengths (padded to one width) weigh every
     * token alike. {@code supervised[b·cols + c]} says whether column c of matrix b counts; 0 if none does.
     * Stacked predictions (m times the target's batch) repeat the target and the flags, as in {@link #squaredError}.
     */
    public Tensor squaredErrorPerToken(Tensor prediction, Tensor target, boolean[] supervised) {
        return reductions.squaredErrorPerToken(prediction, target, supervised);
    }

    /**
     * Cross-entropy of a softmax down each column of {@code logits} against class indices, summed over
     * columns and averaged over the batch. {@code targets[b·cols + c]} is the class of column c of matrix b,
     * or −1 to leave that column out. Computed through log-sum-exp, so it stays exact for large logits
     * (logits (0, 800) with target 0 cost 800) and accepts −∞ logits (masked classes) on non-targets; a
     * target whose logit is −∞ costs +∞. With +∞ logits the limits of {@link #softmaxColumns} apply.
     * Like {@link #squaredError}, logits of m times the targets' batch are m stacked predictions, each
     * scored against the same targets, and the loss is their mean.
     */
    public Tensor crossEntropy(Tensor logits, int[] targets) {
        return reductions.crossEntropy(logits, targets);
    }

    /**
     * {@link #crossEntropy} divided by the number of supervised columns (targets ≥ 0) instead of the batch:
     * the mean loss per supervised token, so sequences of different lengths weigh every token alike; 0 if
     * no column is supervised.
     */
    public Tensor crossEntropyPerToken(Tensor logits, int[] targets) {
        return reductions.crossEntropyPerToken(logits, targets);
    }

    // ---- plumbing for the op families -----------------------------------------------------------

    /** Entries held in the pool's free stores (for tests of its bound). */
    long pooledEntries() {
        return pool.freeEntries();
    }

    void record(Tensor out, Runnable step) {
        backwardSteps.add(() -> {
            if (out.grad != null) {
                step.run();
            }
        });
    }

    Tensor result(int rows, int cols, int batch, boolean requiresGrad, boolean zeroed) {
        R064Store store = pool.take(rows, (long) cols * batch, zeroed);
        return new Tensor(rows, cols, batch, store, requiresGrad);
    }

    boolean tracks(Tensor... inputs) {
        if (!recording) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    double[] gradOf(Tensor t) {
        if (t instanceof Parameter p && p.restricted() && !restricted.contains(p)) {
            restricted.add(p);
        }
        if (t.grad == null) {
            t.grad = pool.take(t.rows(), (long) t.cols() * t.batch(), true);
        }
        return t.grad.data;
    }
}
