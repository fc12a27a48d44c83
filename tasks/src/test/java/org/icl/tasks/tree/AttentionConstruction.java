package org.icl.tasks.tree;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;
import org.icl.api.model.Model;

/**
 * A hand-set one-layer causal softmax attention for the tree-path task: logits = Σ_h R_h Z A_h with
 * A_h = softmax(mask(Zᵀ W_h Z)). The factories set W and R to the constructions the task's token
 * layout is designed for (node self-matching, and for the forward walk a second head for the way down).
 */
final class AttentionConstruction implements Model, AttentionMaps {

    private final List<Parameter> scores = new ArrayList<>();
    private final List<Parameter> readouts = new ArrayList<>();

    private AttentionConstruction(TokenLayout layout, int heads) {
        for (int h = 0; h < heads; h++) {
            scores.add(new Parameter("W" + h, layout.rows(), layout.rows()));
            readouts.add(new Parameter("R" + h, layout.symbols(), layout.rows()));
        }
    }

    /**
     * One head of node self-matching: a node token attends to the edge whose child it is (the root to
     * the root token), and the readout copies that edge's parent. {@code readoutRow} chooses which block
     * the readout copies: the parent block is right, the child block a broken model.
     */
    static AttentionConstruction backward(TokenLayout layout, double beta, double scale, boolean readsParent) {
        AttentionConstruction model = new AttentionConstruction(layout, 1);
        for (int s = 0; s < layout.symbols(); s++) {
            model.scores.get(0).set(0, layout.childRow(s), layout.nodeRow(s), beta);
            model.readouts.get(0).set(0, s, readsParent ? layout.parentRow(s) : layout.childRow(s), scale);
        }
        return model;
    }

    /**
     * Two heads for the forward walk. Head "up" is node self-matching, but once the stage token top is in
     * the context every node token attends to it instead, which silences the parent. Head "down" attends to
     * the edges whose parent is the current node (its children) and, more weakly, to every node token so
     * far (the path written on the way up); its readout adds both, so the one child on the path wins.
     */
    static AttentionConstruction forward(TokenLayout layout) {
        AttentionConstruction model = new AttentionConstruction(layout, 2);
        Parameter up = model.scores.get(0);
        Parameter down = model.scores.get(1);
        for (int s = 0; s < layout.symbols(); s++) {
            up.set(0, layout.childRow(s), layout.nodeRow(s), 10.0);
            down.set(0, layout.parentRow(s), layout.nodeRow(s), 10.0);
            model.readouts.get(0).set(0, s, layout.parentRow(s), 3.0);
            model.readouts.get(1).set(0, s, layout.childRow(s), 1.0);
            model.readouts.get(1).set(0, s, layout.nodeRow(s), 1.0);
        }
        up.set(0, layout.nodeRow(layout.top()), layout.nodeFlag(), 20.0);
        down.set(0, layout.nodeFlag(), layout.nodeFlag(), 5.0);
        return model;
    }

    /** The forward construction's "up" head alone: one head cannot also walk down. */
    static AttentionConstruction forwardUpHeadOnly(TokenLayout layout) {
        AttentionConstruction two = forward(layout);
        AttentionConstruction model = new AttentionConstruction(layout, 1);
        System.arraycopy(two.scores.get(0).data(), 0, model.scores.get(0).data(), 0, two.scores.get(0).size());
        System.arraycopy(two.readouts.get(0).data(), 0, model.readouts.get(0).data(), 0, two.readouts.get(0).size());
        return model;
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        return run(tape, z, firstOutput, new ArrayList<>());
    }

    private Tensor run(Tape tape, Tensor z, int firstOutput, List<Tensor> attentions) {
        Tensor queries = tape.sliceCols(z, firstOutput, z.cols());
        Tensor logits = null;
        for (int h = 0; h < scores.size(); h++) {
            Tensor raw = tape.matmul(z, true, tape.matmul(scores.get(h), queries), false);
            Tensor attention = tape.softmaxColumns(tape.causalMask(raw, firstOutput, Double.NEGATIVE_INFINITY));
            attentions.add(attention);
            Tensor head = tape.matmul(readouts.get(h), tape.matmul(z, attention));
            logits = logits == null ? head : tape.add(logits, head);
        }
        return logits;
    }

    @Override
    public List<String> attentionLabels() {
        return scores.size() == 1 ? List.of("head 1") : List.of("head 1", "head 2");
    }

    @Override
    public double[][][][] attentionWeights(Tensor input) {
        List<Tensor> maps = new ArrayList<>();
        run(Tape.forInference(), input, 0, maps);
        return AttentionMaps.byQuery(maps, input.batch(), input.cols());
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(scores);
        all.addAll(readouts);
        return all;
    }
}
