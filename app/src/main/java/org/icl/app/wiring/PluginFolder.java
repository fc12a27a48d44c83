package org.icl.app.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder whose jars are loaded as plugins, and how it was chosen: the first of the
 * {@code --plugins DIR} option, the {@value #ENVIRONMENT} environment variable, and a folder named
 * {@value #DEFAULT_NAME} beside the config or study file (or in the working directory for commands
 * that take none). A folder named by the option or the variable must exist; the default one is
 * used only if it does.
 *
 * @param directory the folder, if any
 * @param chosenBy  how it was chosen, for messages ("--plugins", "ICL_PLUGINS", "default")
 */
public record PluginFolder(Optional<Path> directory, String chosenBy) {

    /** The environment variable naming a plugins folder. */
    public static final String ENVIRONMENT = "ICL_PLUGINS";
    /** The name of the default plugins folder. */
    public static final String DEFAULT_NAME = "plugins";

    /** No plugins folder: the built-in plugins only. */
    public static PluginFolder none() {
        return new PluginFolder(Optional.empty(), "none");
    }

    /**
     * The folder to load: {@code option} if given, else {@code $ICL_PLUGINS} from {@code environment}
     * if set and not empty, else {@code plugins} under {@code besideDirectory} if that exists.
     *
     * @throws PluginLoadingException if the option or the variable names something that is not a folder
     */
    public static PluginFolder choose(Optional<Path> option, Map<String, String> environment, Path besideDirectory) {
        if (option.isPresent()) {
            return explicit(option.get(), "--plugins", "--plugins " + option.get());
        }
        String variable = environment.get(ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            Path folder = Path.of(variable);
            return explicit(folder, ENVIRONMENT, ENVIRONMENT + "=" + variable);
        }
        Path fallback = besideDirectory.resolve(DEFAULT_NAME);
        return Files.isDirectory(fallback) ? new PluginFolder(Optional.of(fallback), "default") : none();
    }

    private static PluginFolder explicit(Path folder, String chosenBy, String shown) {
        if (!Files.isDirectory(folder)) {
            throw new PluginLoadingException(shown + ": not a folder (it should hold plugin jars)");
        }
        return new PluginFolder(Optional.of(folder), chosenBy);
    }

    /** The folder's {@code *.jar} files in name order; other files and subfolders are ignored. */
    public List<Path> jars() {
        if (directory.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory.get())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder " + directory.get(), e);
        }
    }

    /** "plugin jars from DIR (--plugins)", or "no plugins folder", for messages. */
    public String describe() {
        return directory.map(d -> "plugin jars from " + d + " (" + chosenBy + ")").orElse("no plugins folder");
    }
}
