package org.icl.trainers.loop;

import org.icl.api.config.MemoryBudget;
import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;

/**
 * Settings shared by the gradient trainers.
 *
 * @param learningRate     optimiser step size (after the warm-up)
 * @param batchSize        prompts per training step
 * @param steps            training steps
 * @param clipNorm         largest global gradient norm before rescaling; 0 turns clipping off
 * @param evalEvery        steps between evaluations on the monitor prompts (and checkpoints); 0 evaluates only after the last step
 * @param monitorPrompts   evaluation prompts used during training (the final evaluation uses the task's full set)
 * @param warmupSteps      steps over which the learning rate rises linearly to its full value; 0: none
 * @param divergenceFactor a loss above this multiple of its starting value stops the run as diverged; 0 turns the check off
 * @param evalSchedule     when the loop evaluates: every {@code evalEvery} steps, or log-spaced from step 0
 * @param probes           whether each evaluation also records the task's reading of the model (probes.csv)
 */
public record LoopSettings(double learningRate, int batchSize, int steps, double clipNorm, int evalEvery,
                           int monitorPrompts, int warmupSteps, double divergenceFactor, EvalSchedule evalSchedule,
                           boolean probes) {

    /** Settings evaluating every {@code evalEvery} steps, with probes. */
    public LoopSettings(double learningRate, int batchSize, int steps, double clipNorm, int evalEvery,
                        int monitorPrompts, int warmupSteps, double divergenceFactor) {
        this(learningRate, batchSize, steps, clipNorm, evalEvery, monitorPrompts, warmupSteps, divergenceFactor,
                EvalSchedule.INTERVAL, true);
    }

    public static LoopSettings from(Settings s) {
        double factor = s.doubleBetween("divergence-factor", 0, Double.POSITIVE_INFINITY);
        if (factor != 0 && !(factor > 1 && factor < Double.POSITIVE_INFINITY)) {
            throw s.invalid("divergence-factor", "0 (off) or a finite number > 1");
        }
        return new LoopSettings(
                s.positive("learning-rate"),
                s.intBetween("batch-size", 1, 1_000_000),
                s.intAtLeast("steps", 1),
                s.doubleBetween("clip-norm", 0, Double.POSITIVE_INFINITY),
                s.intAtLeast("eval-every", 0),
                s.intAtLeast("monitor-prompts", 1),
                s.intAtLeast("warmup-steps", 0),
                factor,
                s.choice("eval-schedule", EvalSchedule.class),
                s.bool("probes"));
    }

    /** The learning rate of training step {@code step} (1-based): rising linearly over the warm-up, then constant. */
    public double learningRateAt(int step) {
        return warmupSteps == 0 || step >= warmupSteps ? learningRate : learningRate * step / warmupSteps;
    }

    /** Whether the loop evaluates after {@code step} (0: before the first step). */
    public boolean evaluatesAt(int step) {
        return step == steps || evalSchedule.includes(step, evalEvery);
    }

    /**
     * Whether the loop saves a checkpoint after {@code step}: at every evaluation of a fixed interval; on the log
     * schedule every {@code evalEvery} steps and after its evaluations from step 1 on, so that the gaps late in a
     * long run stay bounded.
     */
    public boolean checkpointsAt(int step) {
        return step > 0 && (evaluatesAt(step) || (evalEvery > 0 && step % evalEvery == 0));
    }

    /** Refuses a batch whose input alone (one array of batch × token rows × length numbers) cannot fit. */
    public static void requireMemory(Settings s, TaskShape shape) {
        double length = (double) s.intBetween("batch-size", 1, 1_000_000) * shape.tokenDim() * shape.maxLength();
        MemoryBudget.requireArray(s, "batch-size", length, "the input of one training batch (" + shape.tokenDim()
                + " × " + shape.maxLength() + " per prompt)");
    }
}
