package org.icl.app.run;

import java.util.Map;
import java.util.Optional;

import org.icl.api.task.Evaluation;
import org.icl.api.task.Theory;
import org.icl.api.train.Divergence;
import org.icl.api.train.TrainingSummary;

/**
 * What one run produced: its training summary (absent when saved parameters were only evaluated),
 * final evaluation (absent when training diverged), theory, the task's reading of the parameters,
 * and the divergence that ended it, if one did.
 */
public record RunResult(String name, Optional<TrainingSummary> training, Optional<Evaluation> evaluation, Theory theory,
                        Map<String, Object> mechanism, Optional<Divergence> divergence) {

    /** How the run ended: "completed", or "diverged" (see {@link #divergence()}). */
    public String status() {
        return divergence.isPresent() ? "diverged" : "completed";
    }

    /** The final evaluation loss; NaN when training diverged before it. */
    public double evalLoss() {
        return evaluation.map(Evaluation::loss).orElse(Double.NaN);
    }

    /** Evaluation loss over the theory value it should match. */
    public double ratioToTheory() {
        return evalLoss() / theory.referenceValue();
    }
}
