package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugins folder that cannot be used stops every command at start-up with exit code 2 and a message naming the jar at fault. */
class PluginJarErrorsTest {

    private static final String SERVICE = "META-INF/services/org.icl.api.plugin.PluginModule";

    @TempDir
    Path plugins;

    private Cli.Result listPlugins() {
        return Cli.run("plugins", "--plugins", plugins.toString());
    }

    private static void assertBadInput(Cli.Result result, String... parts) {
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        for (String part : parts) {
            assertTrue(result.err().contains(part), "'" + part + "' missing from: " + result.err());
        }
        assertTrue(result.err().startsWith("icl: "), result.err());
    }

    @Test
    void twoJarsRegisteringTheSameTypeAreBothNamed() throws IOException {
        Path first = PluginJars.packExample(plugins);
        Path second = Files.copy(first, plugins.resolve("power-iteration-copy.jar"));
        assertBadInput(listPlugins(), "task type 'power-iteration' is registered twice", first.toString(), second.toString());
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        assertBadInput(listPlugins(), broken + " is not a readable jar");
    }

    @Test
    void aJarWithoutAPluginServiceEntryIsNamed() {
        Path library = PluginJars.withTextEntries(plugins.resolve("library.jar"), Map.of("README.txt", "just a library"));
        assertBadInput(listPlugins(), library + " is not an icl plugin", SERVICE);
    }

    @Test
    void aServiceEntryNamingAMissingClassIsNamedWithItsJar() {
        Path jar = PluginJars.withTextEntries(plugins.resolve("stale.jar"), Map.of(SERVICE, "org.example.GoneModule\n"));
        assertBadInput(listPlugins(), jar + ": cannot load its plugin modules", "org.example.GoneModule");
    }

    @Test
    void aJarMayNotChangeAnotherPluginsDefaults() {
        String reference = "icl.defaults.task {\n  # mine\n  power-iteration { d = 5 }\n  weight-prediction { d = 3 }\n}\n";
        Path jar = PluginJars.pack(PluginJars.exampleClasses(), plugins.resolve("meddling.jar"),
                Map.of("reference.conf", reference));
        assertBadInput(listPlugins(), jar + ": its reference.conf sets icl.defaults.task.weight-prediction (line 4)");
    }

    @Test
    void aMissingPluginsFolderIsAnError() {
        Path missing = plugins.resolve("nowhere");
        assertBadInput(Cli.run("plugins", "--plugins", missing.toString()), "--plugins " + missing + ": not a folder");
    }

    @Test
    void trainStopsBeforeAnyWorkOnABrokenJar() throws IOException {
        Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        Path config = Cli.write(plugins.getParent(), "tiny-" + plugins.getFileName() + ".conf", Cli.TINY_RUN);
        Path run = plugins.getParent().resolve("run-" + plugins.getFileName());
        assertBadInput(Cli.run("train", config.toString(), "--plugins", plugins.toString(), "-o", run.toString(), "-q"),
                "broken.jar is not a readable jar");
        assertTrue(Files.notExists(run.resolve("metrics.csv")));
    }
}
