package org.icl.models.softmax;

/** When the softmax-attention model maps its stream to the outputs through a readout matrix. */
public enum Readout {
    /** A readout only when the task's outputs are not tokens (outputDim ≠ token rows); else the stream's token rows. */
    AUTO,
    /** A readout matrix in every case, also when the outputs have the tokens' rows. */
    ALWAYS;
}
