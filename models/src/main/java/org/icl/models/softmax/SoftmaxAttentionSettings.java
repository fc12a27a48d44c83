package org.icl.models.softmax;

import org.icl.api.config.Settings;

/**
 * Settings of the one-layer multi-head softmax-attention model; the keys and their meaning are
 * documented in the models' reference.conf.
 *
 * @param heads            number of attention heads
 * @param scoreScale       factor on the attention scores before the softmax (an inverse temperature)
 * @param initScale        standard deviation of every {@link Initialisation#GAUSSIAN} matrix and of learned positions
 * @param keyQueryInit     start of each head's merged key-query matrix
 * @param valueInit        start of each head's merged value-output matrix
 * @param readout          when a readout matrix maps the stream to the outputs
 * @param readoutInit      start of the readout
 * @param trainKeyQuery    whether the key-query matrices train
 * @param trainValue       whether the value-output matrices train
 * @param trainReadout     whether the readout trains
 * @param residual         whether the attention output is added to the input (true) or replaces it
 * @param positions        positional encoding
 * @param mlpWidth         hidden width of the MLP sublayer; 0 means no MLP
 * @param mlpInitScale     standard deviation of the MLP's first matrix (its second matrix and biases start at 0)
 * @param layerNorm        whether each sublayer normalises its input first (pre-norm), with a trained gain and bias
 * @param layerNormEpsilon ε added to the variance in layer norm
 */
public record SoftmaxAttentionSettings(int heads, double scoreScale, double initScale,
                                       Initialisation keyQueryInit, Initialisation valueInit, Readout readout,
                                       Initialisation readoutInit, boolean trainKeyQuery, boolean trainValue,
                                       boolean trainReadout, boolean residual, PositionEncoding positions,
                                       int mlpWidth, double mlpInitScale, boolean layerNorm,
                                       double layerNormEpsilon) {

    /** Reads every key eagerly, with range checks that name the key and where it was set. */
    public static SoftmaxAttentionSettings from(Settings s) {
        return new SoftmaxAttentionSettings(
                s.intBetween("heads", 1, 64),
                s.positive("score-scale"),
                s.doubleBetween("init-scale", 0, 10),
                s.choice("key-query-init", Initialisation.class),
                s.choice("value-init", Initialisation.class),
                s.choice("readout", Readout.class),
                s.choice("readout-init", Initialisation.class),
                s.bool("train-key-query"),
                s.bool("train-value"),
                s.bool("train-readout"),
                s.bool("residual"),
                s.choice("positions", PositionEncoding.class),
                s.intBetween("mlp-width", 0, 1 << 16),
                s.doubleBetween("mlp-init-scale", 0, 10),
                s.bool("layer-norm"),
                s.positive("layer-norm-epsilon"));
    }
}
