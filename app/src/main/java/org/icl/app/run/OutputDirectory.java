package org.icl.app.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import org.icl.api.config.InvalidInputException;
import org.icl.trainers.loop.RunFiles;

/**
 * Checks an output directory before anything is written to it, so that a bad path is refused with
 * a message instead of failing halfway: it must be (or be creatable as) a writable directory; a
 * new run needs it empty; a resumed run needs it to hold the same run (the same config.conf).
 * {@code argument} names where the path came from in messages, e.g. "-o out".
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /** Refuses a path that is a file, lies under a file, or where nothing can be written. */
    public static void requireWritable(Path dir, String argument) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InvalidInputException(argument + ": " + dir + " is a file, not a directory");
        }
        Path existing = absolute;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidInputException(argument + ": " + existing + " is a file, so " + dir + " cannot be created");
        }
        // Permissions alone do not tell (root ignores them; read-only filesystems do not show in them): try.
        try {
            Files.delete(Files.createTempFile(existing, ".icl-write-test", ""));
        } catch (IOException | SecurityException e) {
            throw new InvalidInputException(argument + ": cannot write in " + existing
                    + (existing.equals(absolute) ? "" : " to create " + dir) + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** For a new run: also refuses a directory that already holds files. */
    public static void requireFresh(Path dir, String argument) {
        requireWritable(dir, argument);
        if (!isEmpty(dir)) {
            String hint = Files.exists(dir.resolve(RunFiles.CONFIG))
                    ? " already holds a run; add --resume to continue it, or choose another directory"
                    : " is not empty; choose a new or empty directory";
            throw new InvalidInputException(argument + ": " + dir + hint);
        }
    }

    /**
     * For a run that continues what is in {@code dir}, if anything is: refuses a directory holding
     * files but no run, or a run made with a config other than {@code config}.
     */
    public static void requireSameRun(Path dir, Config config, String argument) {
        requireWritable(dir, argument);
        if (isEmpty(dir)) {
            return;
        }
        Path saved = dir.resolve(RunFiles.CONFIG);
        if (!Files.isRegularFile(saved)) {
            throw new InvalidInputException(argument + ": " + dir + " is not empty but holds no run (no "
                    + RunFiles.CONFIG + "); choose a new or empty directory");
        }
        Config before;
        try {
            before = ConfigFactory.parseFile(saved.toFile());
        } catch (ConfigException e) {
            throw new InvalidInputException(argument + ": " + saved + " cannot be read: " + e.getMessage());
        }
        Config now = ConfigFactory.parseString(RunPlan.render(config));
        Set<String> keys = new TreeSet<>();
        Stream.of(before, now).forEach(c -> c.entrySet().forEach(e -> keys.add(e.getKey())));
        for (String key : keys) {
            String then = shown(before, key);
            String current = shown(now, key);
            if (!Objects.equals(then, current)) {
                throw new InvalidInputException(argument + ": " + dir + " holds a run with another config: " + key + " = "
                        + then + " in " + saved + ", " + current + " now; only the same run can continue"
                        + " (choose another directory for a new one)");
            }
        }
    }

    private static String shown(Config config, String key) {
        if (!config.hasPath(key)) {
            return "(not set)";
        }
        ConfigValue value = config.getValue(key);
        return value.render(ConfigRenderOptions.concise());
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
