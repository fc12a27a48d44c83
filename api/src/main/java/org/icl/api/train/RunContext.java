package org.icl.api.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and how one run happens: its directory (absent for runs kept in memory, as in tests),
 * the seed of the training data stream, and whether to draw a progress bar.
 *
 * @param directory    where the trainer writes metrics.csv and checkpoints, if anywhere
 * @param seed         the run's root seed; the trainer derives its data stream from it
 * @param showProgress whether to draw a progress bar
 * @param label        the run's name, for progress and log lines
 */
public record RunContext(Optional<Path> directory, long seed, boolean showProgress, String label) {

    /** A run that writes no files and draws nothing. */
    public static RunContext inMemory(long seed) {
        return new RunContext(Optional.empty(), seed, false, "run");
    }
}
