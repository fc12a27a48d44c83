package org.icl.api.model;

import java.util.List;

import org.icl.api.autodiff.Tensor;

/**
 * A model that can show where it attends, for attention reports. Tasks and the app ask for it with
 * {@code model instanceof AttentionMaps}, so they need not know the model; a model wrapping another
 * (looped, say) may implement it by passing its inner model's maps on, labelled by loop.
 */
public interface AttentionMaps {

    /** One label per attention map a prompt yields, in the order of {@link #attentionWeights}: "head 1", "head 2", ... */
    List<String> attentionLabels();

    /**
     * The attention weights of every map on each prompt of {@code input}, a batch of prompts as
     * {@link Model#forward} takes it ({@code tokenDim × length}, batch B); computed on an inference tape,
     * so it trains nothing. {@code weights[b][m][t][s]} is the weight that the query at position t puts
     * on the key at position s in map m for prompt b: for a causal model each row t sums to 1 over
     * s ≤ t and is 0 for s > t.
     */
    double[][][][] attentionWeights(Tensor input);

    /**
     * {@code maps} (each a batch of key × query matrices, keys down the rows) as {@code weights[b][m][t][s]},
     * the layout {@link #attentionWeights} returns.
     */
    static double[][][][] byQuery(List<Tensor> maps, int batch, int length) {
        double[][][][] weights = new double[batch][maps.size()][length][length];
        for (int b = 0; b < batch; b++) {
            for (int m = 0; m < maps.size(); m++) {
                Tensor map = maps.get(m);
                for (int t = 0; t < length; t++) {
                    for (int s = 0; s < length; s++) {
                        weights[b][m][t][s] = map.get(b, s, t);
                    }
                }
            }
        }
        return weights;
    }
}
