package org.icl.api.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference values a correct model should reach, computed by the task on its own evaluation
 * prompts (or in closed form); {@code reference} names the value its evaluation loss is compared with.
 *
 * @param values    reference values by name, in the order they are reported; copied
 * @param reference the name of the value {@link Evaluation#loss()} should match
 */
public record Theory(Map<String, Double> values, String reference) {

    /** Copies {@code values} and checks that {@code reference} is among them. */
    public Theory {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!values.containsKey(reference)) {
            throw new IllegalArgumentException("reference '" + reference + "' is not among " + values.keySet());
        }
    }

    /** The value the evaluation loss should match. */
    public double referenceValue() {
        return values.get(reference);
    }
}
