package org.icl.api.train;

/**
 * How training went: steps taken, the final training loss (mean of the last steps), wall time, and
 * the part of it spent evaluating on monitor prompts (not training).
 *
 * @param steps             training steps taken
 * @param finalTrainLoss    mean training loss of the last steps
 * @param seconds           wall time of training, monitor evaluations included
 * @param evaluationSeconds the part of {@code seconds} spent on monitor evaluations
 */
public record TrainingSummary(int steps, double finalTrainLoss, double seconds, double evaluationSeconds) {

    /** Training steps per second of time spent training, monitor evaluations left out. */
    public double stepsPerSecond() {
        return steps / (seconds - evaluationSeconds);
    }
}
