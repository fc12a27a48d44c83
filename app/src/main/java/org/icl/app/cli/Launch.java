package org.icl.app.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import com.typesafe.config.Config;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.wiring.PluginCatalog;
import org.icl.app.wiring.PluginFolder;

/** What every command starts from: the discovered plugins, built in and from the plugins folder, and their merged reference.conf. */
record Launch(Config reference, PluginCatalog catalog) {

    /** The built-in plugins and those of {@code folder}. */
    static Launch discover(PluginFolder folder) {
        PluginCatalog catalog = PluginCatalog.discover(Launch.class.getClassLoader(), folder);
        return new Launch(catalog.reference(), catalog);
    }

    RunConfigLoader loader() {
        return new RunConfigLoader(reference, catalog);
    }

    /** A run or study's name: its config file's name without {@code .conf}. */
    static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.conf$", "");
    }

    /** {@code runs/<name>-<yyyyMMdd-HHmmss>} under the working directory. */
    static Path defaultDirectory(String name) {
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
