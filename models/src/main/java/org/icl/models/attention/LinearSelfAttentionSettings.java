package org.icl.models.attention;

import org.icl.api.config.Settings;

/**
 * Settings of the one-layer linear self-attention.
 *
 * @param initScale standard deviation of the i.i.d. Gaussian initial entries of V and W
 * @param causal    whether column t attends only to columns s ≤ t (needed for teacher-forced CoT)
 */
public record LinearSelfAttentionSettings(double initScale, boolean causal) {

    public static LinearSelfAttentionSettings from(Settings s) {
        return new LinearSelfAttentionSettings(s.doubleBetween("init-scale", 0, 10), s.bool("causal"));
    }
}
