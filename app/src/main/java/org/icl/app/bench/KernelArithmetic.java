package org.icl.app.bench;

/**
 * Floating-point operations our linear-attention kernel performs per training step on the
 * weight-prediction task (forward and backward, data tokens on the x,y rows and CoT tokens on the
 * w,const rows): the work that is needed once the zeros the task announces are skipped.
 */
public final class KernelArithmetic {

    private KernelArithmetic() {
    }

    public static double flopsPerStep(int d, int n, int k, int batch, boolean cot) {
        long dim = 2L * d + 2;
        long rows = d + 1;           // rows of each segment: x,y for data, w,const for CoT tokens
        long queries = cot ? k : 1;
        long cotColumns = cot ? k : 1;
        long block = rows * rows;
        long prefixSums = 2 * (n + cotColumns) * block;      // S_t, built in the forward pass and again in the backward
        long perQuery = dim * rows                           // u = W z (the query's rows)
                + 2 * block                                  // a = S u over both segments
                + 3 * dim * dim                              // V a, its V gradient, Vᵀ g
                + 2 * block                                  // p = S h
                + dim * rows;                                // dW += p zᵀ
        return 2.0 * batch * (prefixSums + queries * perQuery);
    }
}
