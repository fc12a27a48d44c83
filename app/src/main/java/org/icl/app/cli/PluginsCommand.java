package org.icl.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.icl.api.config.InvalidSettingException;
import org.icl.app.config.KeySuggestion;
import org.icl.app.reference.ConfigReferenceMarkdown;
import org.icl.app.reference.PluginDoc;
import org.icl.app.reference.PluginDocs;
import org.icl.app.reference.SettingDoc;
import org.icl.app.wiring.PluginCatalog;
import org.icl.app.wiring.PluginCatalog.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icl plugins [TYPE]}: every registered type with its description and the jar it came from,
 * or one type's settings with defaults and descriptions; also writes the README's config reference.
 */
@Command(name = "plugins", description = "List the registered task, model and trainer types with their descriptions "
        + "and jars, or show every setting of one TYPE with its default and description.")
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TYPE", arity = "0..1", description = "A registered type, e.g. weight-prediction.")
    String type;

    @Option(names = "--markdown", description = "Print the config reference of every loaded type as Markdown.")
    boolean markdown;

    @Option(names = "--update-readme", paramLabel = "FILE", description = "Rewrite the generated config reference "
            + "in FILE (between its marker lines) from the built-in plugins' reference.conf comments.")
    Path readme;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (readme != null) {
            // The README documents the application as shipped: plugin folders stay out of it.
            PluginCatalog builtIn = PluginCatalog.discover(PluginsCommand.class.getClassLoader());
            updateReadme(builtIn, out);
            return 0;
        }
        PluginCatalog catalog = Launch.discover(plugins.folder(Path.of(""))).catalog();
        if (markdown) {
            out.print(markdownOf(catalog));
        } else if (type != null) {
            show(catalog, out);
        } else {
            list(catalog, out);
        }
        out.flush();
        return 0;
    }

    /** The generated config reference of every type in {@code catalog}. */
    static String markdownOf(PluginCatalog catalog) {
        return ConfigReferenceMarkdown.render(PluginDocs.runKeys(catalog.reference()), PluginDocs.all(catalog));
    }

    private void updateReadme(PluginCatalog catalog, PrintWriter out) {
        if (!Files.isRegularFile(readme)) {
            throw new InvalidSettingException("--update-readme " + readme + ": no such file");
        }
        try {
            String document = Files.readString(readme, StandardCharsets.UTF_8);
            String updated = ConfigReferenceMarkdown.replaceSection(document, readme.toString(), markdownOf(catalog));
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            out.println((updated.equals(document) ? "up to date: " : "updated: ") + readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + readme, e);
        }
    }

    private static void list(PluginCatalog catalog, PrintWriter out) {
        for (Kind kind : Kind.values()) {
            out.println(kind.key() + " types:");
            for (String name : catalog.of(kind).keySet()) {
                PluginDoc doc = PluginDocs.of(catalog, kind, name);
                out.printf("  %-20s %s  [%s]%n", name, doc.summary(), doc.origin());
            }
        }
        out.println("Settings of one type: icl plugins TYPE");
    }

    private void show(PluginCatalog catalog, PrintWriter out) {
        List<PluginDoc> matches = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>();
        for (Kind kind : Kind.values()) {
            known.addAll(catalog.of(kind).keySet());
            if (catalog.of(kind).containsKey(type)) {
                matches.add(PluginDocs.of(catalog, kind, type));
            }
        }
        if (matches.isEmpty()) {
            String hint = KeySuggestion.nearest(type, known).map(s -> " Did you mean '" + s + "'?").orElse("");
            throw new InvalidSettingException("unknown plugin type '" + type + "'." + hint + " Known types: "
                    + String.join(", ", known) + " (" + catalog.folder().describe() + ").");
        }
        for (PluginDoc doc : matches) {
            out.println(doc.kind().key() + " " + doc.type() + "  [" + doc.origin() + "]");
            doc.description().forEach(line -> out.println("  " + line));
            out.println();
            if (doc.settings().isEmpty()) {
                out.println("  (no settings besides type)");
                continue;
            }
            int keyWidth = Math.max("key".length(), doc.settings().stream().mapToInt(s -> s.key().length()).max().orElse(0));
            int defaultWidth = Math.max("default".length(),
                    doc.settings().stream().mapToInt(s -> s.defaultValue().length()).max().orElse(0));
            out.printf("  %-" + keyWidth + "s  %-" + defaultWidth + "s  %s%n", "key", "default", "description");
            for (SettingDoc s : doc.settings()) {
                out.printf("  %-" + keyWidth + "s  %-" + defaultWidth + "s  %s%n", s.key(), s.defaultValue(), s.text());
            }
            out.println("  Use: " + doc.kind().key() + " { type = " + doc.type() + ", KEY = VALUE, ... }");
        }
    }
}
