package org.icl.trainers.loop;

import org.icl.api.config.Settings;

/**
 * Settings shared by the gradient trainers.
 *
 * @param learningRate   optimiser step size
 * @param batchSize      prompts per training step
 * @param steps          training steps
 * @param clipNorm       largest global gradient norm before rescaling; 0 turns clipping off
 * @param evalEvery      steps between evaluations on the monitor prompts; 0 evaluates only after the last step
 * @param monitorPrompts evaluation prompts used during training (the final evaluation uses the task's full set)
 */
public record LoopSettings(double learningRate, int batchSize, int steps, double clipNorm, int evalEvery,
                           int monitorPrompts) {

    public static LoopSettings from(Settings s) {
        return new LoopSettings(
                s.positive("learning-rate"),
                s.intBetween("batch-size", 1, 1_000_000),
                s.intAtLeast("steps", 1),
                s.doubleBetween("clip-norm", 0, Double.POSITIVE_INFINITY),
                s.intAtLeast("eval-every", 0),
                s.intAtLeast("monitor-prompts", 1));
    }
}
