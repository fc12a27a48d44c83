package org.icl.trainers.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.model.Model;
import org.icl.api.task.Task;

/**
 * What one evaluation records beside the loss, as numbers by name: the numeric entries of the task's
 * reading of the model ({@link Task#inspect}), and for a model that applies its layer several times the
 * monitor loss after each of its layer applications ({@code loss_after_loop_1} ... {@code _b}).
 */
final class ProbeReading {

    /** The prefix of the loss after each loop; the loop count follows. */
    static final String LOSS_AFTER_LOOP = "loss_after_loop_";

    private ProbeReading() {
    }

    /** The reading of {@code model} now; {@code evalLoss} is its loss on the first {@code prompts} evaluation prompts. */
    static Map<String, Double> of(Task task, Model model, int prompts, double evalLoss) {
        Map<String, Double> reading = new LinkedHashMap<>();
        task.inspect(model).forEach((name, value) -> {
            if (value instanceof Number number) {
                reading.put(name, number.doubleValue());
            }
        });
        int loops = model.layerApplications();
        for (int loop = 1; loop < loops; loop++) {
            Optional<Model> stopped = model.stoppedAfter(loop);
            if (stopped.isEmpty()) {
                return reading;
            }
            reading.put(LOSS_AFTER_LOOP + loop, task.evaluate(stopped.get(), prompts).loss());
        }
        if (loops > 1) {
            reading.put(LOSS_AFTER_LOOP + loops, evalLoss);
        }
        return reading;
    }
}
