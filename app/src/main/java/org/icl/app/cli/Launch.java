package org.icl.app.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.wiring.PluginCatalog;

/** What every command starts from: the merged reference.conf of all modules and the discovered plugins. */
record Launch(Config reference, PluginCatalog catalog) {

    static Launch discover() {
        ClassLoader loader = Launch.class.getClassLoader();
        return new Launch(ConfigFactory.defaultReference(loader), PluginCatalog.discover(loader));
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
