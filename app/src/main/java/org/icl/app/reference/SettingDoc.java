package org.icl.app.reference;

import java.util.List;

/**
 * One setting as its reference.conf declares it: the key (dotted below a nested block), the
 * default rendered as HOCON, and the lines of the {@code # comment} directly above it.
 */
public record SettingDoc(String key, String defaultValue, List<String> description) {

    /** Copies the description lines. */
    public SettingDoc {
        description = List.copyOf(description);
    }

    /** The description on one line; empty if the setting has none. */
    public String text() {
        return String.join(" ", description).strip();
    }
}
