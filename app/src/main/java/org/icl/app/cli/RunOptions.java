package org.icl.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.icl.api.config.InvalidInputException;
import picocli.CommandLine.Option;

/** Options shared by the commands that train: output directory, overrides, progress display, threads. */
final class RunOptions {

    /** More threads than this is a typo, not a machine. */
    static final int MAX_THREADS = 1024;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: runs/<name>-<time>).")
    Path output;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. --set trainer.steps=500 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads a run may use (default: the machine's processors); results do not depend on it.")
    Integer threads;

    /** The directory given with -o, else {@code runs/<name>-<time>}. */
    Path directoryFor(String name) {
        return output != null ? output : Launch.defaultDirectory(name);
    }

    /** How the output directory is named in messages: the -o argument, or the default path. */
    String describe(Path directory) {
        return output != null ? "-o " + output : "output directory " + directory;
    }

    /** The thread count, checked: from --threads, else the machine's processors. */
    int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new InvalidInputException("--threads " + threads + ": expected a number of threads in [1, " + MAX_THREADS + "]");
        }
        return threads;
    }
}
