package org.icl.tasks.baselines;

/**
 * A constant gradient-descent step chosen for a number of steps, and the loss it gives.
 *
 * @param steps gradient-descent steps
 * @param eta   the chosen step size
 * @param loss  mean loss of {@code steps} steps at {@code eta} on the prompts it was chosen for
 */
public record StepChoice(int steps, double eta, double loss) {
}
