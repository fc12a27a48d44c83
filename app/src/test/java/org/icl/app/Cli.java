package org.icl.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: runs {@code icl} in-process with captured output, and holds the tiny run sizes the CLI tests share. */
public final class Cli {

    /** A task and trainer small enough that a whole run takes well under a second. */
    public static final String TINY_TASK =
            "task { type = weight-prediction, d = 3, n = 6, k = 3, eval-prompts = 200, eval-chunk = 100 }";
    public static final String TINY_MODEL = "model { type = linear-attention }";
    public static final String TINY_TRAINER =
            "trainer { type = adam, steps = 30, batch-size = 16, eval-every = 10, monitor-prompts = 50 }";
    /** A complete tiny run config, one block per line. */
    public static final String TINY_RUN = "seed = 5\n" + TINY_TASK + "\n" + TINY_MODEL + "\n" + TINY_TRAINER + "\n";

    /** What one invocation returned and printed. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs {@code icl args...} and captures what it prints. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Icl.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Writes {@code text} to {@code dir/name} and returns its path. */
    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
