package org.icl.app.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.icl.api.model.AttentionMaps;
import org.icl.api.task.LabelledPrompt;

/**
 * Draws where a model attends on a few of the task's prompts: one PNG per prompt and attention map
 * (head), {@code attention-<prompt>-<map>.png} and {@code .svg}, a row per query the task reads and a column per key,
 * both labelled by token, shaded from white (0) to dark blue (1).
 */
public final class AttentionMap {

    private AttentionMap() {
    }

    /** Saves the maps of {@code model} on each prompt into {@code directory}; returns the files written. */
    public static List<Path> save(AttentionMaps model, List<LabelledPrompt> prompts, Path directory) {
        List<Path> files = new ArrayList<>();
        List<String> maps = model.attentionLabels();
        for (LabelledPrompt prompt : prompts) {
            double[][][] weights = model.attentionWeights(prompt.tokens())[0];
            int length = prompt.columnLabels().size();
            List<String> queries = prompt.columnLabels().subList(prompt.firstQuery(), length);
            for (int m = 0; m < maps.size(); m++) {
                double[][] rows = new double[length - prompt.firstQuery()][];
                for (int t = prompt.firstQuery(); t < length; t++) {
                    rows[t - prompt.firstQuery()] = weights[m][t];
                }
                Path file = directory.resolve("attention-" + prompt.name() + "-" + maps.get(m).replace(" ", "") + ".png");
                files.addAll(Heatmap.save(prompt.name() + ", " + maps.get(m) + ": attention of each query (row) on each key",
                        rows, queries, prompt.columnLabels(), "query", "key", 0, 1, PlotStyle.SEQUENTIAL, file));
            }
        }
        return files;
    }
}
