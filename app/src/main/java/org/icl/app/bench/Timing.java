package org.icl.app.bench;

/**
 * One timed run of training steps: steps per wall-clock second, and CPU time per step summed over
 * all threads of the process, which the other processes on a shared machine do not change much.
 */
public record Timing(double stepsPerSecond, double cpuMillisPerStep) {
}
