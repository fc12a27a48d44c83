package org.icl.api.task;

import java.util.List;

import org.icl.api.autodiff.Tensor;

/**
 * One prompt to show a model's workings on (its attention, say): the tokens as one matrix (batch 1),
 * a label per column, and the first column whose output the task reads.
 */
public record LabelledPrompt(String name, Tensor tokens, List<String> columnLabels, int firstQuery) {

    public LabelledPrompt {
        columnLabels = List.copyOf(columnLabels);
        if (tokens.batch() != 1 || tokens.cols() != columnLabels.size() || firstQuery < 0 || firstQuery >= tokens.cols()) {
            throw new IllegalArgumentException("prompt " + name + ": " + tokens + " with " + columnLabels.size()
                    + " labels, first query " + firstQuery);
        }
    }
}
