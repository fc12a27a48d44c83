package org.icl.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Options shared by the commands that train: output directory, overrides, progress display. */
final class RunOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: runs/<name>-<time>).")
    Path output;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set trainer.steps=500 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    /** The directory given with -o, else {@code runs/<name>-<time>}. */
    Path directoryFor(String name) {
        return output != null ? output : Launch.defaultDirectory(name);
    }
}
