package org.icl.models.softmax;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.TaskShape;

/**
 * One layer of causal multi-head softmax attention with a residual connection (SCIENCE.md §4):
 * f(X) = X + Σ_h V_h X softmax(M ∘ s·Xᵀ A_h X), where A_h is head h's merged key-query matrix,
 * V_h its merged value-output matrix, s the score scale and M the causal mask (−∞ above the
 * diagonal: query t attends to keys s ≤ t). Optional parts: positional encodings on the input,
 * pre-norm layer norm, and an MLP sublayer, which together make a transformer block. When the
 * task's outputs are not tokens (logits over a vocabulary, say), or when configured so, a readout
 * matrix maps the stream to them; otherwise the output is the stream's token rows.
 */
public final class SoftmaxAttention implements Model, AttentionMaps {

    private final int tokenDim;
    private final int width;
    private final int maxLength;
    private final SoftmaxAttentionSettings settings;
    private final Tensor[] keyQuery;
    private final Tensor[] value;
    /** A head whose value is the frozen identity passes X·weights on without a product. */
    private final boolean[] valueIsIdentity;
    private final Tensor readout;
    private final Parameter positions;
    private final LayerNorm attentionNorm;
    private final FeedForward feedForward;
    private final List<Parameter> parameters = new ArrayList<>();

    /** A freshly initialised model for the shape a task announces; every matrix draws from its own stream of {@code seed}. */
    public SoftmaxAttention(TaskShape shape, SoftmaxAttentionSettings settings, long seed) {
        this(shape, settings, null, seed);
    }

    /**
     * As above, but when {@code fixedValues} is given, head h's value-output matrix is frozen at
     * {@code fixedValues[h]} (column-major over the token rows; zero on appended position rows).
     */
    SoftmaxAttention(TaskShape shape, SoftmaxAttentionSettings settings, double[][] fixedValues, long seed) {
        this.settings = settings;
        this.tokenDim = shape.tokenDim();
        this.maxLength = shape.maxLength();
        this.width = tokenDim + (settings.positions() == PositionEncoding.ONE_HOT ? maxLength : 0);
        int heads = settings.heads();
        this.keyQuery = new Tensor[heads];
        this.value = new Tensor[heads];
        this.valueIsIdentity = new boolean[heads];
        for (int h = 0; h < heads; h++) {
            keyQuery[h] = matrix("KQ" + (h + 1), width, width, settings.keyQueryInit(), settings.trainKeyQuery(), seed);
        }
        for (int h = 0; h < heads; h++) {
            if (fixedValues != null) {
                value[h] = embedTokenRows(fixedValues[h]);
                continue;
            }
            value[h] = matrix("V" + (h + 1), width, width, settings.valueInit(), settings.trainValue(), seed);
            valueIsIdentity[h] = !settings.trainValue() && settings.valueInit() == Initialisation.IDENTITY;
        }
        boolean mapped = settings.readout() == Readout.ALWAYS || shape.outputDim() != tokenDim;
        this.readout = !mapped ? null
                : matrix("R", shape.outputDim(), width, settings.readoutInit(), settings.trainReadout(), seed);
        if (settings.positions() == PositionEncoding.LEARNED) {
            positions = (Parameter) matrix("P", tokenDim, maxLength, Initialisation.GAUSSIAN, true, seed);
        } else {
            positions = null;
        }
        this.attentionNorm = settings.layerNorm() ? new LayerNorm("norm1", width, settings.layerNormEpsilon()) : null;
        if (attentionNorm != null) {
            parameters.addAll(attentionNorm.parameters());
        }
        if (settings.mlpWidth() > 0) {
            LayerNorm norm = settings.layerNorm() ? new LayerNorm("norm2", width, settings.layerNormEpsilon()) : null;
            feedForward = new FeedForward(width, settings.mlpWidth(), settings.mlpInitScale(), norm, seed);
            parameters.addAll(feedForward.parameters());
        } else {
            feedForward = null;
        }
    }

    /** A trained {@link Parameter} (listed in {@link #parameters()}) or a frozen constant, initialised from stream {@code name}. */
    private Tensor matrix(String name, int rows, int cols, Initialisation init, boolean trained, long seed) {
        double[] data = new double[rows * cols];
        init.fill(data, rows, cols, settings.initScale(), Seeds.stream(seed, name));
        if (!trained) {
            return Tensor.wrap(rows, cols, 1, data);
        }
        Parameter p = new Parameter(name, rows, cols);
        System.arraycopy(data, 0, p.data(), 0, data.length);
        parameters.add(p);
        return p;
    }

    /** A frozen width × width matrix holding the token-row matrix {@code tokenRows} in its top-left corner. */
    private Tensor embedTokenRows(double[] tokenRows) {
        double[] data = new double[width * width];
        for (int c = 0; c < tokenDim; c++) {
            System.arraycopy(tokenRows, c * tokenDim, data, c * width, tokenDim);
        }
        return Tensor.wrap(width, width, 1, data);
    }

    @Override
    public Tensor forward(Tape tape, Tensor input, int firstOutput) {
        return run(tape, input, firstOutput, null);
    }

    /** The forward pass; when {@code weightsSink} is given, each head's attention weights (keys × queries) are added to it. */
    private Tensor run(Tape tape, Tensor z, int first, List<Tensor> weightsSink) {
        int length = z.cols();
        if (z.rows() != tokenDim) {
            throw new IllegalArgumentException("softmax-attention: tokens of " + z.rows() + " rows, expected " + tokenDim);
        }
        if (first < 0 || first >= length) {
            throw new IllegalArgumentException("softmax-attention: first output " + first + " of " + length + " columns");
        }
        Tensor x = embed(tape, z);
        Tensor in = attentionNorm == null ? x : attentionNorm.apply(tape, x);
        Tensor queries = first == 0 ? in : tape.sliceCols(in, first, length);
        Tensor update = null;
        for (int h = 0; h < keyQuery.length; h++) {
            // Entry (s, t) scores key s against query t: x_sᵀ A_h x_t.
            Tensor scores = tape.matmul(in, true, tape.matmul(keyQuery[h], queries), false);
            if (settings.scoreScale() != 1.0) {
                scores = tape.scale(scores, settings.scoreScale());
            }
            Tensor weights = tape.softmaxColumns(tape.causalMask(scores, first, Double.NEGATIVE_INFINITY));
            if (weightsSink != null) {
                weightsSink.add(weights);
            }
            // V (X P) rather than (V X) P: V then multiplies only the query columns.
            Tensor mixed = tape.matmul(in, weights);
            Tensor head = valueIsIdentity[h] ? mixed : tape.matmul(value[h], mixed);
            update = update == null ? head : tape.add(update, head);
        }
        Tensor y = update;
        if (settings.residual()) {
            y = tape.add(first == 0 ? x : tape.sliceCols(x, first, length), update);
        }
        if (feedForward != null) {
            y = feedForward.apply(tape, y);
        }
        if (readout != null) {
            return tape.matmul(readout, y);
        }
        return width == tokenDim ? y : tape.sliceRows(y, 0, tokenDim);
    }

    /** The stream the layer works on: the tokens, with positions added or appended as configured. */
    private Tensor embed(Tape tape, Tensor z) {
        int length = z.cols();
        if (settings.positions() != PositionEncoding.NONE && length > maxLength) {
            throw new IllegalArgumentException("softmax-attention: " + length + " columns, but positions are encoded"
                    + " only up to the task's maximum length " + maxLength);
        }
        switch (settings.positions()) {
            case LEARNED -> {
                return tape.add(z, length == maxLength ? positions : tape.sliceCols(positions, 0, length));
            }
            case ONE_HOT -> {
                Tensor onehot = tape.constant(maxLength, length, z.batch());
                for (int b = 0; b < z.batch(); b++) {
                    for (int t = 0; t < length; t++) {
                        onehot.set(b, t, t, 1.0);
                    }
                }
                return tape.concatRows(z, onehot);
            }
            default -> {
                return z;
            }
        }
    }

    SoftmaxAttentionSettings settings() {
        return settings;
    }

    /** The longest sequence the positions cover (the task's maximum length). */
    int maxLength() {
        return maxLength;
    }

    /** Head h's key-query matrix, trained or frozen (for tests and inspection). */
    Tensor keyQuery(int h) {
        return keyQuery[h];
    }

    /** Head h's value-output matrix, trained or frozen. */
    Tensor value(int h) {
        return value[h];
    }

    /** The readout, or null when the output is the stream's token rows. */
    Tensor readout() {
        return readout;
    }

    @Override
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    @Override
    public List<String> attentionLabels() {
        List<String> labels = new ArrayList<>();
        for (int h = 1; h <= keyQuery.length; h++) {
            labels.add("head " + h);
        }
        return labels;
    }

    @Override
    public double[][][][] attentionWeights(Tensor input) {
        List<Tensor> maps = new ArrayList<>();
        run(Tape.forInference(), input, 0, maps);
        return AttentionMaps.byQuery(maps, input.batch(), input.cols());
    }
}
