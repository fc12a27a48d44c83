package org.icl.app;

import java.io.PrintWriter;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.train.TrainingFailedException;
import org.icl.app.cli.Commands;
import org.icl.app.wiring.PluginLoadingException;
import picocli.CommandLine;

/** Entry point of the {@code icl} command line. */
public final class Icl {

    /** Exit code for bad input: config errors, unknown plugin types, unusable plugin jars, bad arguments. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a run that failed on its own terms (a diverged loss); the files written so far remain. */
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
            if (e instanceof InvalidSettingException || e instanceof PluginLoadingException) {
                command.getErr().println("icl: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof TrainingFailedException) {
                command.getErr().println("icl: " + e.getMessage());
                return RUN_FAILED;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
