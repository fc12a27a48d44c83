package org.icl.trainers.loop;

/** When the training loop evaluates on the monitor prompts (setting {@code eval-schedule}). */
public enum EvalSchedule {

    /** Every {@code eval-every} steps, and after the last. */
    INTERVAL,
    /**
     * Before training (step 0) and at steps 1, 2, 5, 10, 20, 50, 100, ... (evenly spaced on a log scale, dense
     * where the model changes fastest), and after the last; checkpoints still follow {@code eval-every}.
     */
    LOG;

    /** Whether {@code step} (0 = before training) is one of the schedule's own steps, {@code evalEvery} apart for INTERVAL. */
    boolean includes(int step, int evalEvery) {
        if (this == INTERVAL) {
            return step > 0 && evalEvery > 0 && step % evalEvery == 0;
        }
        if (step == 0) {
            return true;
        }
        int mantissa = step;
        while (mantissa % 10 == 0) {
            mantissa /= 10;
        }
        return mantissa == 1 || mantissa == 2 || mantissa == 5;
    }
}
