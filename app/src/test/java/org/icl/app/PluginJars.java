package org.icl.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Test helper: the example plugin's compiled classes, and jars packed from them or from given entries. */
public final class PluginJars {

    /** The file name the guide gives the example's jar. */
    public static final String EXAMPLE_JAR = "icl-example-power-iteration.jar";

    private PluginJars() {
    }

    /** The project root (surefire sets icl.root; a run from the app folder falls back to its parent). */
    public static Path root() {
        return Path.of(System.getProperty("icl.root", ".."));
    }

    /**
     * The example module's compiled classes and resources, which the reactor builds before these tests
     * (app declares the example as a test dependency for that order, and keeps it off its class path).
     */
    public static Path exampleClasses() {
        Path classes = root().resolve("examples/power-iteration/target/classes");
        if (!Files.isRegularFile(classes.resolve("META-INF/services/org.icl.api.plugin.PluginModule"))) {
            throw new IllegalStateException(classes + " holds no compiled example plugin: build from the project root "
                    + "(mvn test, or mvn test -pl app -am), which compiles examples/power-iteration before app");
        }
        return classes;
    }

    /** Packs every file under {@code directory} into the jar {@code jar}, with {@code replaced} entries swapped for the given text. */
    public static Path pack(Path directory, Path jar, Map<String, String> replaced) {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replaced.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return write(jar, entries);
    }

    /** The example plugin packed as {@code folder/icl-example-power-iteration.jar}, as the guide packs it. */
    public static Path packExample(Path folder) {
        return pack(exampleClasses(), folder.resolve(EXAMPLE_JAR), Map.of());
    }

    /** A jar holding text entries only. */
    public static Path withTextEntries(Path jar, Map<String, String> entries) {
        Map<String, byte[]> bytes = new TreeMap<>();
        entries.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return write(jar, bytes);
    }

    private static Path write(Path jar, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of {@code text} that contains {@code part}. */
    public static List<String> linesWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).toList();
    }
}
