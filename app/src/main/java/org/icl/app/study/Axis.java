package org.icl.app.study;

import java.util.List;

import com.typesafe.config.ConfigValue;

/**
 * One swept run key and its values in order, each with the label that names it in trial
 * directories, tables and plots (the value itself unless the study gives labels).
 */
public record Axis(String key, List<ConfigValue> values, List<String> labels) {

    public Axis {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
        if (values.size() != labels.size()) {
            throw new IllegalArgumentException(key + ": " + values.size() + " values but " + labels.size() + " labels");
        }
    }

    public int size() {
        return values.size();
    }
}
