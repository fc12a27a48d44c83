package org.icl.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The alternating timings with scripted sides: warm-ups size the timings, pairs alternate ours then the peer, medians. */
class AlternatingPairsTest {

    @Test
    void warmsUpSizesAlternatesAndTakesMedians() {
        List<String> calls = new ArrayList<>();
        // Ours runs 100 steps/s, the peer 10; the peer's rate differs from pair to pair, as on a shared machine.
        double[] peerRates = {10, 10, 10, 20, 5, 10};
        int[] peerCall = {0};
        AlternatingPairs.Result result = AlternatingPairs.run(
                steps -> {
                    calls.add("ours " + steps);
                    return new Timing(100, 10);
                }, 50,
                steps -> {
                    calls.add("peer " + steps);
                    double rate = peerRates[peerCall[0]++];
                    return new Timing(rate, 1000 / rate);
                }, 3, 4, 2.0, (i, pair) -> calls.add("pair " + i));
        // Warm-ups: ours at its least (50), then half the target (100 steps/s × 2 s / 2); the peer likewise.
        assertEquals(List.of("ours 50", "ours 100", "peer 3", "peer 10",
                "ours 200", "peer 20", "pair 0", "ours 200", "peer 20", "pair 1",
                "ours 200", "peer 20", "pair 2", "ours 200", "peer 20", "pair 3"), calls);
        assertEquals(200, result.oursSteps());
        assertEquals(20, result.peerSteps());
        // Ratios 100/10, 100/20, 100/5, 100/10: median of {5, 10, 10, 20} is 10.
        assertEquals(10, result.medianRatio(), 1e-12);
        assertEquals(10, result.medianCpuRatio(), 1e-12, "CPU ms per step 100, 50, 200, 100 against ours 10");
        assertEquals(100, result.medianOurs(), 1e-12);
        assertEquals(10, result.medianPeer(), 1e-12);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, AlternatingPairs.median(new double[] {5, 1, 3}));
        assertEquals(2.5, AlternatingPairs.median(new double[] {4, 1, 3, 2}));
    }
}
