package org.icl.app.study;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that readers see the old content or the new, never a part: the bytes go to a
 * uniquely named temporary file in the same directory, which is then renamed over the target.
 */
public final class AtomicFile {

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static void write(Path target, Content content) {
        Path directory = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(directory);
            // unique per writer: shards of a study may write the same report file at once. Not createTempFile,
            // whose owner-only permissions would hide results from the other users of a cluster's file system.
            partial = Files.createFile(directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".partial"));
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden .partial file harms nothing
                }
            }
        }
    }
}
