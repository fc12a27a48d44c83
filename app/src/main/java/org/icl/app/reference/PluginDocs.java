package org.icl.app.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

import org.icl.app.wiring.PluginCatalog;
import org.icl.app.wiring.PluginCatalog.Kind;

/**
 * Reads the documentation of settings from their one source, the {@code # comment} lines directly
 * above each key of a reference.conf, which Typesafe Config keeps with every value's origin.
 */
public final class PluginDocs {

    private PluginDocs() {
    }

    /** Every registered type of every kind, in kind and then type order. */
    public static List<PluginDoc> all(PluginCatalog catalog) {
        List<PluginDoc> docs = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String type : catalog.of(kind).keySet()) {
                docs.add(of(catalog, kind, type));
            }
        }
        return docs;
    }

    /** The documentation of one registered type; a type without a defaults block has no description and no settings. */
    public static PluginDoc of(PluginCatalog catalog, Kind kind, String type) {
        Config reference = catalog.reference();
        String path = "icl.defaults." + kind.key() + "." + type;
        if (!reference.hasPath(path) || !(reference.getValue(path) instanceof ConfigObject block)) {
            return new PluginDoc(kind, type, catalog.origin(kind, type), List.of(), List.of());
        }
        return new PluginDoc(kind, type, catalog.origin(kind, type), comments(block), settings(block, ""));
    }

    /** The run-level keys ({@code icl.run}: seed and the three plugin blocks) with their defaults and descriptions. */
    public static List<SettingDoc> runKeys(Config reference) {
        return settings(reference.getObject("icl.run"), "");
    }

    /**
     * The keys of a block in file order, each with its default and description. A nested block is
     * listed key by key (as {@code block.key}), except another plugin's block (one with a
     * {@code type}), which is one setting whose default is the whole block, and an empty block (a map
     * whose keys the user chooses, like {@code fixed = {}}), which is one setting whose default is {@code {}}.
     */
    static List<SettingDoc> settings(ConfigObject block, String prefix) {
        List<SettingDoc> settings = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : inFileOrder(block)) {
            String key = prefix + entry.getKey();
            ConfigValue value = entry.getValue();
            // an empty block (e.g. evaluate-also {}) takes keys the user names: one setting, shown as {}
            if (value instanceof ConfigObject nested && !nested.containsKey("type") && !nested.isEmpty()) {
                settings.addAll(settings(nested, key + "."));
            } else {
                settings.add(new SettingDoc(key, render(value), comments(value)));
            }
        }
        return settings;
    }

    /** The comment lines directly above a value, each without the space after {@code #}. */
    static List<String> comments(ConfigValue value) {
        return value.origin().comments().stream().map(String::strip).toList();
    }

    /** A default as a user would write it in HOCON: {@code 10}, {@code adam}, {@code []}, {@code { type = linear-attention }}. */
    static String render(ConfigValue value) {
        if (value instanceof ConfigObject object && object.isEmpty()) {
            return "{}";
        }
        if (value instanceof ConfigObject object) {
            // A plugin block reads best with its type first; keys on one line keep no order of their own.
            return inFileOrder(object).stream().sorted(Comparator.comparing(e -> !e.getKey().equals("type")))
                    .map(e -> e.getKey() + " = " + render(e.getValue()))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        if (value instanceof ConfigList list) {
            return list.stream().map(PluginDocs::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return switch (value.valueType()) {
            case STRING -> (String) value.unwrapped();
            case NULL -> "null";
            // Resolving drops a number's original text; write it back as a person would (1e-8, not 1.0E-8).
            case NUMBER -> number(new BigDecimal(value.unwrapped().toString()));
            default -> value.render();
        };
    }

    /** Plain digits for everyday magnitudes, otherwise scientific with a small e: 3000, 0.999, 1e-8. */
    private static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        double magnitude = Math.abs(stripped.doubleValue());
        if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e9)) {
            return stripped.toPlainString();
        }
        return stripped.toString().replace("E+", "e").replace("E", "e");
    }

    private static List<Map.Entry<String, ConfigValue>> inFileOrder(ConfigObject object) {
        return object.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }
}
