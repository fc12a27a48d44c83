package org.icl.tasks.tree;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;

/**
 * What each attention map of a model does on the tree-path task, in shares of attention averaged over
 * the queries of the evaluation trees (teacher forced). Keys are sorted by their relation to the query's
 * current node v: {@code parent_edge} is the edge whose child is v (the root token (top, root) when v is
 * the root): "node self-matching"; {@code child_edges} are the edges whose parent is v (the root token
 * when v is top); {@code other_edges} the remaining edges; {@code stage_token} the node token top;
 * {@code node_tokens} the goal and the chain-of-thought tokens. Queries are split by stage: {@code up}
 * before the stage token top is in the context, {@code down} from it on (forward only).
 */
final class AttentionReading {

    static final List<String> KINDS = List.of("parent_edge", "child_edges", "other_edges", "stage_token", "node_tokens");
    private static final int STAGE_TOKEN = 3;

    private AttentionReading() {
    }

    /** Shares per map, stage and kind of key, named "&lt;map&gt;.&lt;stage&gt;.&lt;kind&gt;", plus each map's dominant kind per stage. */
    static Map<String, Object> read(AttentionMaps maps, List<List<PathExample>> groups, TokenLayout layout) {
        List<String> labels = maps.attentionLabels();
        String[] stages = {"up", "down"};
        double[][][] share = new double[labels.size()][2][KINDS.size()];
        long[] queries = new long[2];
        Tape tape = Tape.forInference();
        for (List<PathExample> group : groups) {
            int length = group.get(0).length();
            Tensor z = tape.constant(layout.rows(), length, group.size());
            for (int b = 0; b < group.size(); b++) {
                group.get(b).write(z, b, length);
            }
            double[][][][] weights = maps.attentionWeights(z);
            for (int b = 0; b < group.size(); b++) {
                PathExample e = group.get(b);
                int[] kinds = new int[length];
                for (int t = e.firstQuery(); t < length; t++) {
                    int v = e.nodeAt(t);
                    int stage = t >= e.stageColumn() ? 1 : 0;
                    for (int s = 0; s <= t; s++) {
                        kinds[s] = kind(e, s, v);
                    }
                    queries[stage]++;
                    for (int m = 0; m < labels.size(); m++) {
                        for (int s = 0; s <= t; s++) {
                            share[m][stage][kinds[s]] += weights[b][m][t][s];
                        }
                    }
                }
            }
            tape.reset();
        }
        Map<String, Object> reading = new LinkedHashMap<>();
        for (int m = 0; m < labels.size(); m++) {
            String map = labels.get(m).replace(" ", "");
            for (int stage = 0; stage < 2; stage++) {
                if (queries[stage] == 0) {
                    continue;
                }
                int dominant = 0;
                for (int k = 0; k < KINDS.size(); k++) {
                    if (k == STAGE_TOKEN && queries[1] == 0) {
                        continue; // a walk that never turns has no stage token to attend to
                    }
                    share[m][stage][k] /= queries[stage];
                    reading.put(map + "." + stages[stage] + "." + KINDS.get(k), share[m][stage][k]);
                    dominant = share[m][stage][k] > share[m][stage][dominant] ? k : dominant;
                }
                reading.put(map + "." + stages[stage] + ".mostly", KINDS.get(dominant));
            }
        }
        return reading;
    }

    /** The kind of key at column s for a query whose current node is v (an index into {@link #KINDS}). */
    private static int kind(PathExample e, int s, int v) {
        if (s < e.firstQuery()) {
            return e.edgeChild(s) == v ? 0 : e.edgeParent(s) == v ? 1 : 2;
        }
        return s == e.stageColumn() ? STAGE_TOKEN : 4;
    }
}
