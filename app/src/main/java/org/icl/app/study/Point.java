package org.icl.app.study;

import java.util.LinkedHashMap;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** One point of a sweep: for each axis, in axis order, the label of its value; {@link #layer()} sets those values. */
public record Point(Map<String, String> labels, Config layer) {

    /** The point of a study without a sweep: no labels, changes nothing. */
    public static final Point NONE = new Point(Map.of(), ConfigFactory.empty());

    public Point {
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The point taking value {@code indices[a]} of each axis {@code a}; values keep their origin (file:line) for error messages. */
    static Point of(java.util.List<Axis> axes, int[] indices) {
        Map<String, String> labels = new LinkedHashMap<>();
        Config layer = ConfigFactory.empty();
        for (int a = 0; a < axes.size(); a++) {
            Axis axis = axes.get(a);
            labels.put(axis.key(), axis.labels().get(indices[a]));
            layer = layer.withValue(axis.key(), axis.values().get(indices[a]));
        }
        return new Point(labels, layer);
    }
}
