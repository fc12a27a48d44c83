package org.icl.app.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins folder is the --plugins option, else $ICL_PLUGINS, else a plugins folder beside the config. */
class PluginFolderTest {

    @TempDir
    Path dir;

    @Test
    void optionBeatsEnvironmentBeatsDefault() throws IOException {
        Path option = Files.createDirectory(dir.resolve("option"));
        Path variable = Files.createDirectory(dir.resolve("variable"));
        Files.createDirectory(dir.resolve("plugins"));
        Map<String, String> environment = Map.of(PluginFolder.ENVIRONMENT, variable.toString());

        assertEquals(new PluginFolder(Optional.of(option), "--plugins"),
                PluginFolder.choose(Optional.of(option), environment, dir));
        assertEquals(new PluginFolder(Optional.of(variable), "ICL_PLUGINS"),
                PluginFolder.choose(Optional.empty(), environment, dir));
        assertEquals(new PluginFolder(Optional.of(dir.resolve("plugins")), "default"),
                PluginFolder.choose(Optional.empty(), Map.of(PluginFolder.ENVIRONMENT, " "), dir));
    }

    @Test
    void noDefaultFolderMeansBuiltInPluginsOnly() {
        PluginFolder folder = PluginFolder.choose(Optional.empty(), Map.of(), dir);
        assertEquals(PluginFolder.none(), folder);
        assertEquals(List.of(), folder.jars());
        assertEquals("no plugins folder", folder.describe());
    }

    @Test
    void aVariableNamingNoFolderIsAnError() {
        PluginLoadingException e = assertThrows(PluginLoadingException.class, () -> PluginFolder.choose(Optional.empty(),
                Map.of(PluginFolder.ENVIRONMENT, dir.resolve("missing").toString()), dir));
        assertTrue(e.getMessage().startsWith("ICL_PLUGINS=" + dir.resolve("missing") + ": not a folder"), e.getMessage());
    }

    @Test
    void onlyJarFilesAreLoadedInNameOrder() throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createDirectory(dir.resolve("c.jar.d"));
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")),
                new PluginFolder(Optional.of(dir), "--plugins").jars());
    }
}
