package org.icl.app;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.icl.api.config.InvalidInputException;
import org.icl.api.train.TrainingFailedException;
import org.icl.app.cli.Commands;
import org.icl.app.wiring.PluginLoadingException;
import picocli.CommandLine;

/** Entry point of the {@code icl} command line. */
public final class Icl {

    /** Exit code for bad input: config errors, unknown plugin types, unusable plugin jars, bad arguments, paths and checkpoints. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a run that failed on its own terms (a diverged loss, a full disk); the files written so far remain. */
    public static final int RUN_FAILED = 1;

    private Icl() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int execute(String... args) {
        return execute(new CommandLine(new Commands()), args);
    }

    /** Runs the command line with its output and error text sent to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Commands());
        cli.setOut(out);
        cli.setErr(err);
        try {
            return execute(cli, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof InvalidInputException) {
                command.getErr().println("icl: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof TrainingFailedException || e instanceof UncheckedIOException) {
                command.getErr().println("icl: " + e.getMessage());
                return RUN_FAILED;
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            cli.getErr().println("icl: out of memory (this JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): lower trainer.batch-size, task.eval-chunk or the task's sizes, or raise ICL_JAVA_OPTS=-Xmx<size>");
            return RUN_FAILED;
        }
    }
}
