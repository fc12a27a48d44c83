package org.icl.app.run;

import java.util.Map;
import java.util.Optional;

import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.TrainingSummary;

/**
 * What one run produced: its training summary (absent when saved parameters were only evaluated),
 * final evaluation, theory and the task's reading of the parameters.
 */
public record RunResult(String name, Optional<TrainingSummary> training, Evaluation evaluation, Theory theory,
                        Map<String, Object> mechanism) {

    /** Evaluation loss over the theory value it should match. */
    public double ratioToTheory() {
        return evaluation.loss() / theory.referenceValue();
    }
}
