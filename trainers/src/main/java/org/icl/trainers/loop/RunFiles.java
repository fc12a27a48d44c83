package org.icl.trainers.loop;

/** The names of the files in a run's directory, shared by the trainer that writes them and the app that reads them. */
public final class RunFiles {

    /** The complete resolved config; {@code icl train config.conf} repeats the run. */
    public static final String CONFIG = "config.conf";
    /** One row per training step. */
    public static final String METRICS = "metrics.csv";
    /** One row per evaluation: the step and the task's reading of the model (none if the task has no reading). */
    public static final String PROBES = "probes.csv";
    /** A folder of the parameters at each evaluation, {@code step-N.json}, when probes are recorded. */
    public static final String SNAPSHOTS = "snapshots";
    /** The model's parameters, at the last evaluation and at the end. */
    public static final String PARAMETERS = "parameters.json";
    /** Everything a resumed run needs: step, parameters, optimiser state, loop state. */
    public static final String CHECKPOINT = "checkpoint.bin";
    /** Final metrics, theory, status and provenance. */
    public static final String RESULT = "result.json";

    /** The file name of the parameters snapshot after {@code step}, inside {@link #SNAPSHOTS}. */
    public static String snapshot(int step) {
        return "step-" + step + ".json";
    }

    private RunFiles() {
    }
}
