package org.icl.app.cli;

import java.util.Map;
import java.util.function.IntFunction;

import org.icl.app.bench.PeerProcess;
import org.icl.app.bench.Timing;
import org.icl.app.run.RunPlan;

/**
 * One training step {@code icl bench} compares: our run plan for a number of steps, the plan whose
 * model the same-inputs check uses, what the check tells the peer beside the draws and parameters, the
 * peer's timing for a number of steps and the least it runs, and our kernels' work per step (NaN when
 * not counted).
 */
record Comparison(String label, PeerProcess peer, IntFunction<RunPlan> ours, RunPlan checked, Map<String, Object> checkExtras,
                  IntFunction<Timing> peerSteps, double flopsPerStep, int peerLeast) {
}
