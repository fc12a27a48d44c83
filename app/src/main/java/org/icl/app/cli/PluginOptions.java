package org.icl.app.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.icl.app.wiring.PluginFolder;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option every command that loads plugins shares. */
final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR", description = "Folder of plugin jars to load. Default: $"
            + PluginFolder.ENVIRONMENT + ", else a folder named " + PluginFolder.DEFAULT_NAME
            + " beside the config or study file (or in the working directory) if there is one.")
    Path plugins;

    /** The folder chosen by the option, the environment, or the default {@code plugins} under {@code besideDirectory}. */
    PluginFolder folder(Path besideDirectory) {
        return PluginFolder.choose(Optional.ofNullable(plugins), System.getenv(), besideDirectory);
    }

    /** The same, with the default folder beside {@code file}. */
    PluginFolder folderBeside(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return folder(parent == null ? Path.of("") : parent);
    }
}
