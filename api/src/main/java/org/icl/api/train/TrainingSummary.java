package org.icl.api.train;

/**
 * How training went: steps taken, the final training loss (mean of the last steps), wall time, and
 * the part of it spent evaluating on monitor prompts (not training).
 */
public record TrainingSummary(int steps, double finalTrainLoss, double seconds, double evaluationSeconds) {

    /** Training steps per second of time spent training, monitor evaluations left out. */
    public double stepsPerSecond() {
        return steps / (seconds - evaluationSeconds);
    }
}
