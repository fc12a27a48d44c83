package org.icl.app.study;

/** Test helper: study files whose trials take a fraction of a second (5 steps, 50 evaluation prompts). */
final class TinyStudy {

    /** The shared base of the tiny studies. */
    static final String BASE = "base {\n"
            + "  task { type = weight-prediction, d = 3, n = 6, k = 3, eval-prompts = 50, eval-chunk = 50 }\n"
            + "  model { type = linear-attention }\n"
            + "  trainer { type = adam, steps = 5, batch-size = 8, eval-every = 0, monitor-prompts = 20 }\n"
            + "}\n";

    /** Two values of k, CoT on and off, two seeds: 8 trials. */
    static final String GRID = "description = \"tiny grid\"\n" + BASE
            + "sweep {\n  mode = grid\n  axes {\n    \"task.k\" = [2, 4]\n    task.cot = [true, false]\n  }\n}\n"
            + "seeds = [1, 2]\n";

    private TinyStudy() {
    }
}
