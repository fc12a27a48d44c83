package org.icl.api.train;

import java.util.Optional;

/**
 * How training went: steps taken, the final training loss (mean of the last steps), wall time, the
 * part of it spent evaluating on monitor prompts (not training), and the divergence that stopped
 * it early, if one did.
 *
 * @param steps             training steps taken
 * @param finalTrainLoss    mean training loss of the last steps
 * @param seconds           wall time of training, monitor evaluations included
 * @param evaluationSeconds the part of {@code seconds} spent on monitor evaluations
 * @param divergence        what stopped training early, if anything did
 * @param monitorPrompts    evaluation prompts the monitor evaluations used (the task's first ones); 0 if unknown
 */
public record TrainingSummary(int steps, double finalTrainLoss, double seconds, double evaluationSeconds,
                              Optional<Divergence> divergence, int monitorPrompts) {

    /** A run whose monitor prompts are not known. */
    public TrainingSummary(int steps, double finalTrainLoss, double seconds, double evaluationSeconds,
                           Optional<Divergence> divergence) {
        this(steps, finalTrainLoss, seconds, evaluationSeconds, divergence, 0);
    }

    /** A run that completed all its steps. */
    public TrainingSummary(int steps, double finalTrainLoss, double seconds, double evaluationSeconds) {
        this(steps, finalTrainLoss, seconds, evaluationSeconds, Optional.empty());
    }

    /** Training steps per second of time spent training, monitor evaluations left out. */
    public double stepsPerSecond() {
        return steps / (seconds - evaluationSeconds);
    }
}
