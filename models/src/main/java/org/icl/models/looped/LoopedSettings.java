package org.icl.models.looped;

import java.util.Set;

import org.icl.api.config.Settings;

/**
 * Settings of the looped model (the layer block itself is read by the layer's own factory).
 *
 * @param loops               b: times the layer is applied in training (at the end of the curriculum)
 * @param evalLoops           times it is applied in evaluation; 0 means {@code loops}; more is test-time scaling
 * @param truncate            back-propagate through the last T loops only; 0 means through all
 * @param inputInjection      every loop after the first reads its state plus the prompt
 * @param averageLoss         score the outputs of every back-propagated loop, averaged (Yang et al.), not only the last
 * @param curriculumStart     loops at the first training step; 0 means no curriculum (always {@code loops})
 * @param curriculumIncrement loops added at each curriculum stage
 * @param curriculumInterval  training steps per curriculum stage
 */
public record LoopedSettings(int loops, int evalLoops, int truncate, boolean inputInjection, boolean averageLoss,
                             int curriculumStart, int curriculumIncrement, int curriculumInterval) {

    /** Values of {@code loop-loss}. */
    static final String LAST = "last";
    static final String AVERAGE = "average";

    /** Reads and range-checks the looped block. */
    public static LoopedSettings from(Settings s) {
        int loops = s.intBetween("loops", 1, 10_000);
        int start = s.intBetween("curriculum-start", 0, 10_000);
        if (start > loops) {
            throw s.invalid("curriculum-start", "0 (no curriculum) or at most loops = " + loops);
        }
        return new LoopedSettings(loops,
                s.intBetween("eval-loops", 0, 10_000),
                s.intBetween("truncate", 0, 10_000),
                s.bool("input-injection"),
                s.oneOf("loop-loss", Set.of(LAST, AVERAGE)).equals(AVERAGE),
                start,
                s.intBetween("curriculum-increment", 1, 10_000),
                s.intBetween("curriculum-interval", 1, Integer.MAX_VALUE));
    }

    /** Loops at training step {@code step} (from 1): the curriculum's stage, capped at {@code loops}. */
    public int loopsAt(int step) {
        if (curriculumStart == 0) {
            return loops;
        }
        long stage = (Math.max(step, 1) - 1L) / curriculumInterval;
        return (int) Math.min(loops, curriculumStart + stage * curriculumIncrement);
    }

    /** Loops in evaluation. */
    public int evaluationLoops() {
        return evalLoops == 0 ? loops : evalLoops;
    }

    /** Of {@code current} loops, how many the gradient passes through. */
    public int backpropagated(int current) {
        return truncate == 0 ? current : Math.min(truncate, current);
    }
}
