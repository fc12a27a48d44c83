package org.icl.api.train;

/** How training went: steps taken, the final training loss (mean of the last steps) and wall time. */
public record TrainingSummary(int steps, double finalTrainLoss, double seconds) {

    public double stepsPerSecond() {
        return steps / seconds;
    }
}
