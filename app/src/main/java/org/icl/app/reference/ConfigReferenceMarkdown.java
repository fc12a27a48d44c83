package org.icl.app.reference;

import java.util.List;
import java.util.Locale;

import org.icl.api.config.InvalidSettingException;

/**
 * The README's config reference, generated from the settings' documentation: a table of the run
 * keys, then one section per plugin type with its description and a table of its settings. It sits
 * between {@link #BEGIN} and {@link #END} in the README, and a test keeps the two equal.
 */
public final class ConfigReferenceMarkdown {

    /** The command that regenerates the section. */
    public static final String COMMAND = "bin/icl plugins --update-readme README.md";
    /** The line that opens the generated section. */
    public static final String BEGIN = "<!-- BEGIN generated config reference: edit the reference.conf comments, then run "
            + COMMAND + " -->";
    /** The line that closes it. */
    public static final String END = "<!-- END generated config reference -->";

    private ConfigReferenceMarkdown() {
    }

    /** The generated text that belongs between the markers (without them). */
    public static String render(List<SettingDoc> runKeys, List<PluginDoc> plugins) {
        // Blank lines next to the markers keep the tables apart from the HTML comments in any Markdown renderer.
        StringBuilder out = new StringBuilder("\n");
        table(out, runKeys);
        for (PluginDoc plugin : plugins) {
            String kind = plugin.kind().key();
            out.append("\n### ").append(kind.substring(0, 1).toUpperCase(Locale.ROOT)).append(kind.substring(1))
                    .append(" `").append(plugin.type()).append("`\n\n");
            for (String line : plugin.description()) {
                out.append(line).append('\n');
            }
            if (!plugin.settings().isEmpty()) {
                out.append('\n');
                table(out, plugin.settings());
            }
        }
        return out.append('\n').toString();
    }

    private static void table(StringBuilder out, List<SettingDoc> settings) {
        out.append("| key | default | meaning |\n|---|---|---|\n");
        for (SettingDoc s : settings) {
            out.append("| `").append(s.key()).append("` | `").append(cell(s.defaultValue())).append("` | ")
                    .append(cell(s.text())).append(" |\n");
        }
    }

    /** A table cell: a literal {@code |} would end it. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The text between the markers of {@code document}. */
    public static String section(String document, String name) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new InvalidSettingException(name + " has no generated config reference: it needs the lines\n"
                    + BEGIN + "\n" + END);
        }
        return document.substring(begin + BEGIN.length() + 1, end);
    }

    /** {@code document} with the text between its markers replaced by {@code generated}. */
    public static String replaceSection(String document, String name, String generated) {
        String old = section(document, name);
        int start = document.indexOf(BEGIN) + BEGIN.length() + 1;
        return document.substring(0, start) + generated + document.substring(start + old.length());
    }
}
