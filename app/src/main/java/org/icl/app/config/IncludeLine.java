package org.icl.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an include statement stands, as {@code file:line}: Typesafe Config does not tell an
 * includer the origin of the statement it follows, so the file is searched for it.
 */
final class IncludeLine {

    private IncludeLine() {
    }

    /** {@code file:line} of the first include line naming {@code target}, or just the file when none does (a nested include). */
    static String of(Path file, String target) {
        String bare = target.replaceFirst("^(url|file|classpath)\\(\"(.*)\"\\)$", "$2").replace("\"", "");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("include") && lines.get(i).contains(bare)) {
                    return file + ":" + (i + 1);
                }
            }
        } catch (IOException e) {
            // the file was just parsed; if it cannot be read again, its name alone is still right
        }
        return file.toString();
    }
}
