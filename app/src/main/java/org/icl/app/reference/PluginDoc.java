package org.icl.app.reference;

import java.util.ArrayList;
import java.util.List;

import org.icl.app.wiring.PluginCatalog.Kind;
import org.icl.app.wiring.PluginOrigin;

/**
 * The documentation of one registered type, read from its reference.conf: the comment above its
 * {@code icl.defaults.<kind>.<type>} block (first line: the summary) and each of its settings.
 */
public record PluginDoc(Kind kind, String type, PluginOrigin origin, List<String> description, List<SettingDoc> settings) {

    /** Copies the lists. */
    public PluginDoc {
        description = List.copyOf(description);
        settings = List.copyOf(settings);
    }

    /** The first line of the description, shown in listings; empty if there is none. */
    public String summary() {
        return description.isEmpty() ? "" : description.get(0);
    }

    /** Where the type's defaults live: {@code icl.defaults.<kind>.<type>}. */
    public String defaultsPath() {
        return "icl.defaults." + kind.key() + "." + type;
    }

    /** What its reference.conf fails to document: a missing block, description or setting comment; empty if nothing. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (summary().isBlank()) {
            problems.add(kind.key() + " " + type + " (" + origin + "): no # comment directly above " + defaultsPath()
                    + " in its reference.conf (its first line is the type's one-line description)");
        }
        for (SettingDoc setting : settings) {
            if (setting.text().isEmpty()) {
                problems.add(kind.key() + " " + type + " (" + origin + "): setting " + setting.key()
                        + " has no # comment directly above it in its reference.conf");
            }
        }
        return problems;
    }
}
