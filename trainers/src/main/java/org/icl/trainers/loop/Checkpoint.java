package org.icl.trainers.loop;

import java.util.Map;

import org.icl.trainers.loop.ParameterFile.Matrix;

/**
 * Everything a run needs to continue exactly where it stopped. The training data of each step is
 * drawn from a stream derived from (seed, step), so no random generator state is needed.
 *
 * @param step              training steps completed
 * @param parameters        the model's parameters by name
 * @param optimizer         the optimiser's state by name (moments, step count)
 * @param recentLosses      the window of recent training losses the final training loss averages
 * @param trainBaseline     the starting training loss the divergence check compares with (NaN: none yet)
 * @param evalBaseline      the starting monitor evaluation loss (NaN: none yet)
 * @param seconds           wall time spent so far
 * @param evaluationSeconds part of it spent on monitor evaluations
 * @param metricsBytes      length of metrics.csv when the checkpoint was taken; later rows are dropped on resume
 * @param probesBytes       length of probes.csv likewise (0: none written yet)
 */
public record Checkpoint(int step, Map<String, Matrix> parameters, Map<String, double[]> optimizer,
                         double[] recentLosses, double trainBaseline, double evalBaseline, double seconds,
                         double evaluationSeconds, long metricsBytes, long probesBytes) {
}
