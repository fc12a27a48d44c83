package org.icl.app.bench;

/**
 * Floating-point operations our linear-attention kernel performs per training step on the
 * weight-prediction task (forward and backward; data tokens on the x,y rows and CoT tokens on the
 * w,const rows; S_t x from prefix sums or from scores, whichever the kernel picks as cheaper): the
 * work that is needed once the zeros the task announces are skipped.
 */
public final class KernelArithmetic {

    private KernelArithmetic() {
    }

    public static double flopsPerStep(int d, int n, int k, int batch, boolean cot) {
        long dim = 2L * d + 2;
        long rows = d + 1;              // rows of each segment: x,y for data, w,const for CoT tokens
        long length = n + (cot ? k : 1);
        long queries = cot ? k : 1;
        // One pass (the forward builds a_t = c·S_t u_t, the backward p_t = c·S_t h_t) in either form.
        long prefix = length * rows * rows + queries * 2 * rows * rows;
        long score = 0;
        for (long t = n; t < length; t++) {
            score += 2 * (t + 1) * rows;
        }
        long perQuery = 2 * dim * rows   // u = W z and dW += p zᵀ over the query's rows
                + 3 * dim * dim;         // V a, its V gradient, Vᵀ g
        return 2.0 * batch * (2 * Math.min(prefix, score) + queries * perQuery);
    }
}
