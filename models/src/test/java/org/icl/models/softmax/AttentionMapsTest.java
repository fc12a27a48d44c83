package org.icl.models.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;
import org.icl.api.model.Model;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.api.Test;

/** The attention weights softmax-attention exposes for reports: shape, causality, normalisation and values. */
class AttentionMapsTest {

    @Test
    void weightsAreCausalRowsOfTheSoftmax() {
        Model model = SoftmaxFixtures.model(new TaskShape(4, 6, 3, 6), "heads = 2, score-scale = 0.7", 3);
        SoftmaxFixtures.randomise(model, 1.0, 4);
        AttentionMaps maps = (AttentionMaps) model;
        assertEquals(List.of("head 1", "head 2"), maps.attentionLabels());
        Tensor z = SoftmaxFixtures.randomInput(4, 6, 3, 5);
        double[][][][] w = maps.attentionWeights(z);
        assertEquals(3, w.length);
        SoftmaxAttention softmax = (SoftmaxAttention) model;
        for (int b = 0; b < 3; b++) {
            assertEquals(2, w[b].length);
            for (int h = 0; h < 2; h++) {
                assertEquals(6, w[b][h].length);
                for (int t = 0; t < 6; t++) {
                    // Recompute row t: softmax over s ≤ t of 0.7 · z_sᵀ A_h z_t.
                    double[] score = new double[t + 1];
                    double total = 0;
                    for (int s = 0; s <= t; s++) {
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < 4; j++) {
                                score[s] += 0.7 * z.get(b, i, s) * softmax.keyQuery(h).get(0, i, j) * z.get(b, j, t);
                            }
                        }
                        score[s] = Math.exp(score[s]);
                        total += score[s];
                    }
                    double sum = 0;
                    for (int s = 0; s < 6; s++) {
                        double expected = s <= t ? score[s] / total : 0.0;
                        assertEquals(expected, w[b][h][t][s], 1e-14, "prompt " + b + " head " + h + " (" + t + "," + s + ")");
                        sum += w[b][h][t][s];
                    }
                    assertEquals(1.0, sum, 1e-14);
                }
            }
        }
    }

    @Test
    void headsDiffer() {
        Model model = SoftmaxFixtures.model(new TaskShape(4, 6, 4, 6), "heads = 2, key-query-init = gaussian, init-scale = 1", 8);
        double[][][][] w = ((AttentionMaps) model).attentionWeights(SoftmaxFixtures.randomInput(4, 6, 1, 2));
        double gap = 0;
        for (int t = 0; t < 6; t++) {
            for (int s = 0; s <= t; s++) {
                gap = Math.max(gap, Math.abs(w[0][0][t][s] - w[0][1][t][s]));
            }
        }
        assertTrue(gap > 0.05, "the two heads' maps coincide: " + gap);
    }
}
