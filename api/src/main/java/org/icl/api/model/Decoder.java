package org.icl.api.model;

import org.icl.api.autodiff.Tensor;

/**
 * Autoregressive decoding of a batch of sequences by one model: read the output for the last column
 * fed so far, append a column, read again. A model with a running state (a cache of its prefix)
 * makes each step cost the same however long the sequence has grown.
 */
public interface Decoder {

    /** The model's output for the last column of every sequence (a batch of {@code outputDim × 1}); valid until the next call. */
    Tensor output();

    /** Appends one column (a batch of {@code tokenDim × 1}, the prompt's batch) to every sequence. */
    void append(Tensor column);
}
