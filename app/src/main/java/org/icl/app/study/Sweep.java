package org.icl.app.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;

/**
 * The swept keys of a study and how their values combine into points: {@code grid} takes every
 * combination (the first axis varies slowest), {@code zip} takes the i-th value of every axis together.
 */
public record Sweep(Mode mode, List<Axis> axes) {

    /** How axes combine into points. */
    public enum Mode { GRID, ZIP }

    /** A study without a sweep: one point that changes nothing. */
    public static final Sweep NONE = new Sweep(Mode.GRID, List.of());

    public Sweep {
        axes = List.copyOf(axes);
    }

    /**
     * Reads {@code sweep { mode, axes, labels }} (already laid over its defaults). Axes keep the order in
     * which the file lists them; an axis may be written {@code "task.k" = [...]} or {@code task.k = [...]}.
     */
    static Sweep from(Settings sweep) {
        Mode mode = Mode.valueOf(sweep.oneOf("mode", Set.of("grid", "zip")).toUpperCase(java.util.Locale.ROOT));
        Map<String, ConfigValue> lists = flatten(sweep, "axes");
        Map<String, ConfigValue> labelLists = flatten(sweep, "labels");
        for (Map.Entry<String, ConfigValue> e : labelLists.entrySet()) {
            if (!lists.containsKey(e.getKey())) {
                throw new InvalidSettingException(sweep.path() + ".labels." + e.getKey() + " (" + Settings.describe(e.getValue().origin())
                        + "): labels of a key that is not swept. Swept keys: " + String.join(", ", lists.keySet()));
            }
        }
        List<Axis> axes = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : lists.entrySet()) {
            axes.add(axis(sweep.path(), e.getKey(), e.getValue(), labelLists.get(e.getKey())));
        }
        if (mode == Mode.GRID) {
            for (Axis axis : axes) {
                Set<String> seen = new HashSet<>();
                for (String label : axis.labels()) {
                    if (!seen.add(label)) {
                        throw new InvalidSettingException(sweep.path() + ".axes." + axis.key() + " ("
                                + Settings.describe(lists.get(axis.key()).origin()) + "): the value " + label + " is listed twice");
                    }
                }
            }
        } else {
            for (Axis axis : axes) {
                if (axis.size() != axes.get(0).size()) {
                    throw new InvalidSettingException(sweep.path() + ".axes (" + sweep.originOf("axes") + "): zip needs axes of "
                            + "equal length, but " + axes.get(0).key() + " has " + axes.get(0).size() + " values and "
                            + axis.key() + " has " + axis.size());
                }
            }
        }
        Sweep result = new Sweep(mode, axes);
        Set<java.util.Map<String, String>> seen = new HashSet<>();
        for (Point point : result.points()) {
            if (!seen.add(point.labels())) {
                throw new InvalidSettingException(sweep.path() + ".axes (" + sweep.originOf("axes") + "): the point " + point.labels()
                        + " is listed twice");
            }
        }
        return result;
    }

    /** The points in order. */
    public List<Point> points() {
        if (axes.isEmpty()) {
            return List.of(Point.NONE);
        }
        List<Point> points = new ArrayList<>();
        if (mode == Mode.ZIP) {
            for (int i = 0; i < axes.get(0).size(); i++) {
                int[] indices = new int[axes.size()];
                java.util.Arrays.fill(indices, i);
                points.add(Point.of(axes, indices));
            }
            return points;
        }
        int[] indices = new int[axes.size()];
        while (true) {
            points.add(Point.of(axes, indices));
            int a = axes.size() - 1;
            while (a >= 0 && ++indices[a] == axes.get(a).size()) {
                indices[a--] = 0;
            }
            if (a < 0) {
                return points;
            }
        }
    }

    /** The swept keys. */
    public List<String> keys() {
        return axes.stream().map(Axis::key).toList();
    }

    /**
     * The leaves of block {@code key} by run key, in file order: a quoted {@code "task.k"} and a nested
     * {@code task.k} name the same run key. Typesafe Config keeps no key order, so the line decides.
     */
    private static Map<String, ConfigValue> flatten(Settings sweep, String key) {
        Config block = sweep.child(key).config();
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(block.entrySet());
        entries.sort(Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> e.getValue().origin().lineNumber())
                .thenComparing(Map.Entry::getKey));
        Map<String, ConfigValue> flat = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : entries) {
            // a quoted element may itself hold dots: a run key never contains a literal dot
            String runKey = String.join(".", ConfigUtil.splitPath(e.getKey()));
            if (flat.put(runKey, e.getValue()) != null) {
                throw new InvalidSettingException(sweep.path() + "." + key + "." + runKey + " ("
                        + Settings.describe(e.getValue().origin()) + "): listed twice");
            }
        }
        return flat;
    }

    private static Axis axis(String path, String key, ConfigValue list, ConfigValue labelList) {
        String where = path + ".axes." + key + " (" + Settings.describe(list.origin()) + ")";
        if (list.valueType() != ConfigValueType.LIST || ((ConfigList) list).isEmpty()) {
            throw new InvalidSettingException(where + ": expected a non-empty list of values, got " + list.render(ConfigRenderOptions.concise()));
        }
        List<ConfigValue> values = new ArrayList<>((ConfigList) list);
        List<String> labels = new ArrayList<>();
        if (labelList != null) {
            String labelWhere = path + ".labels." + key + " (" + Settings.describe(labelList.origin()) + ")";
            if (labelList.valueType() != ConfigValueType.LIST || ((ConfigList) labelList).size() != values.size()) {
                throw new InvalidSettingException(labelWhere + ": expected a list of " + values.size() + " names, one per value");
            }
            for (ConfigValue label : (ConfigList) labelList) {
                if (label.valueType() == ConfigValueType.LIST || label.valueType() == ConfigValueType.OBJECT
                        || label.valueType() == ConfigValueType.NULL) {
                    throw new InvalidSettingException(labelWhere + ": expected names (strings or numbers)");
                }
                labels.add(String.valueOf(label.unwrapped()));
            }
        } else {
            for (ConfigValue value : values) {
                labels.add(value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped()
                        : value.render(ConfigRenderOptions.concise()));
            }
        }
        return new Axis(key, values, labels);
    }
}
