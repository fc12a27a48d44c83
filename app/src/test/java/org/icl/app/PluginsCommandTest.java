package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.icl.app.reference.ConfigReferenceMarkdown;
import org.icl.app.reference.PluginDocs;
import org.icl.app.wiring.PluginCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl plugins}: every registered type by kind, one type's settings, and the generated config reference. */
class PluginsCommandTest {

    @Test
    void listsEveryRegisteredTypeUnderItsKind() {
        Cli.Result result = Cli.run("plugins");
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.out();
        for (String expected : new String[] {"task types:", "model types:", "trainer types:",
                "weight-prediction", "tree-path", "linear-attention", "adam", "sgd"}) {
            assertTrue(out.contains(expected), "missing '" + expected + "':\n" + out);
        }
        assertTrue(out.indexOf("task types:") < out.indexOf("weight-prediction")
                && out.indexOf("weight-prediction") < out.indexOf("model types:")
                && out.indexOf("model types:") < out.indexOf("linear-attention")
                && out.indexOf("linear-attention") < out.indexOf("trainer types:")
                && out.indexOf("trainer types:") < out.indexOf("adam"), out);
        // the summary is the first comment line above the type's block in its reference.conf, and the origin is built in
        assertTrue(PluginJars.linesWith(out, "  adam ").get(0).contains("Mini-batch training with Adam")
                && PluginJars.linesWith(out, "  adam ").get(0).contains("[built-in ("), out);
        assertEquals("", result.err());
    }

    @Test
    void oneTypeShowsEverySettingWithDefaultAndDescription() {
        Cli.Result result = Cli.run("plugins", "linear-attention");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("model linear-attention  [built-in ("), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("  init-scale +0\\.05 +Standard deviation .*")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("  causal +true +Column t attends .*")), result.out());
    }

    @Test
    void anUnknownTypeIsBadInputWithASuggestion() {
        Cli.Result result = Cli.run("plugins", "weight-predicton");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("unknown plugin type 'weight-predicton'. Did you mean 'weight-prediction'?"),
                result.err());
    }

    @Test
    void markdownIsTheGeneratedConfigReference() {
        Cli.Result result = Cli.run("plugins", "--markdown");
        assertEquals(0, result.exitCode(), result.toString());
        PluginCatalog catalog = PluginCatalog.discover(getClass().getClassLoader());
        assertEquals(ConfigReferenceMarkdown.render(PluginDocs.runKeys(catalog.reference()), PluginDocs.all(catalog)),
                result.out());
    }

    @Test
    void updateReadmeRewritesOnlyTheTextBetweenTheMarkers(@TempDir Path dir) throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), "# Title\n\nbefore\n" + ConfigReferenceMarkdown.BEGIN
                + "\nstale text\n" + ConfigReferenceMarkdown.END + "\nafter\n");
        Cli.Result result = Cli.run("plugins", "--update-readme", readme.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("updated: " + readme + "\n", result.out());
        String updated = Files.readString(readme);
        assertTrue(updated.startsWith("# Title\n\nbefore\n" + ConfigReferenceMarkdown.BEGIN + "\n"), updated);
        assertTrue(updated.endsWith(ConfigReferenceMarkdown.END + "\nafter\n"), updated);
        assertTrue(updated.contains("### Task `weight-prediction`") && !updated.contains("stale text"), updated);
        assertEquals("up to date: " + readme + "\n", Cli.run("plugins", "--update-readme", readme.toString()).out());

        Path unmarked = Files.writeString(dir.resolve("OTHER.md"), "# no markers\n");
        Cli.Result refused = Cli.run("plugins", "--update-readme", unmarked.toString());
        assertEquals(Icl.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("has no generated config reference"), refused.err());
    }
}
