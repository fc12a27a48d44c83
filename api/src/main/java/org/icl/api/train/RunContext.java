package org.icl.api.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and how one run happens: its directory (absent for runs kept in memory, as in tests),
 * the seed of the training data stream, whether to draw a progress bar, its label, the number of
 * threads it may use (results must not depend on it), and whether to continue from the
 * checkpoint in its directory.
 *
 * @param directory    where the trainer writes metrics.csv and checkpoints, if anywhere
 * @param seed         the run's root seed; the trainer derives its data stream from it
 * @param showProgress whether to draw a progress bar
 * @param label        the run's name, for progress and log lines
 * @param threads      threads the run may use; results must not depend on it
 * @param resume       whether to continue from the checkpoint in {@code directory}
 */
public record RunContext(Optional<Path> directory, long seed, boolean showProgress, String label, int threads,
                         boolean resume) {

    public RunContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (resume && directory.isEmpty()) {
            throw new IllegalArgumentException("only a run with a directory can resume");
        }
    }

    /** A fresh one-thread run. */
    public RunContext(Optional<Path> directory, long seed, boolean showProgress, String label) {
        this(directory, seed, showProgress, label, 1, false);
    }

    /** A run that writes no files and draws nothing. */
    public static RunContext inMemory(long seed) {
        return new RunContext(Optional.empty(), seed, false, "run");
    }
}
