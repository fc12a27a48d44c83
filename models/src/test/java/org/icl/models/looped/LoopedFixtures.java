package org.icl.models.looped;

import java.util.SplittableRandom;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.models.attention.AttentionFixtures;
import org.icl.models.attention.LinearSelfAttention;
import org.icl.models.attention.LinearSelfAttentionSettings;

/** Small looped linear attentions and random prompts for the looped-model tests. */
final class LoopedFixtures {

    static final int DIM = 4;
    static final int LENGTH = 6;
    static final int BATCH = 3;
    static final int N = 5;

    private LoopedFixtures() {
    }

    /** A causal linear-attention layer with N(0, 0.3²) entries: large enough that loops interact. */
    static LinearSelfAttention layer(long seed) {
        return new LinearSelfAttention(DIM, N, new LinearSelfAttentionSettings(0.3, true), new SplittableRandom(seed));
    }

    /** Looped settings without a curriculum. */
    static LoopedSettings settings(int loops, int evalLoops, int truncate, boolean injection, boolean average) {
        return new LoopedSettings(loops, evalLoops, truncate, injection, average, 0, 1, 1);
    }

    /** A batch of standard-Gaussian token matrices of DIM × columns. */
    static Tensor input(int columns, int batch, long seed) {
        return AttentionFixtures.randomInput(DIM, columns, batch, seed);
    }

    /** The layer applied {@code loops} times by hand, with the prompt added before every loop after the first when injecting. */
    static Tensor byHand(Tape tape, LinearSelfAttention layer, Tensor z, int loops, boolean injection) {
        Tensor state = z;
        for (int loop = 1; loop <= loops; loop++) {
            state = layer.forward(tape, injection && loop > 1 ? tape.add(state, z) : state, 0);
        }
        return state;
    }
}
