package org.icl.app.study;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.icl.app.run.RunResult;

/**
 * Prints runs side by side: evaluation loss beside the theory value it should match, their ratio, speed and
 * mechanism; under each run, indented, its task's baselines scored on the same prompts (ratio to the run's
 * reference); a diverged run's row says where and how it diverged instead.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<RunResult> results, PrintWriter out) {
        List<ResultRow> rows = ResultRow.of(results);
        int width = 12;
        for (ResultRow row : rows) {
            width = Math.max(width, label(row).length());
        }
        String name = "%-" + width + "s";
        out.printf(name + " %12s %12s  %-18s %8s %10s%n", "run", "eval loss", "theory", "(reference)", "ratio", "steps/s");
        for (ResultRow row : rows) {
            if (row.divergence().isPresent()) {
                var d = row.divergence().get();
                out.printf(name + " %12s  at step %d: %s = %s (%s)%n", label(row), "DIVERGED", d.step(), d.quantity(),
                        d.value(), d.reason());
            } else if (row.isBaseline()) {
                out.printf(name + " %12.4f %12s  %-18s %8.3f %10s%n", label(row), row.evalLoss(), "", "", row.ratio(), "-");
            } else {
                String speed = row.stepsPerSecond().map(s -> String.format("%.1f", s)).orElse("-");
                out.printf(name + " %12.4f %12.4f  %-18s %8.3f %10s%n", label(row), row.evalLoss(), row.referenceValue(),
                        row.reference(), row.ratio(), speed);
            }
        }
        for (RunResult r : results) {
            if (r.mechanism().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder("mechanism " + r.name() + ":");
            for (Map.Entry<String, Object> e : r.mechanism().entrySet()) {
                if (e.getValue() instanceof Double v) {
                    line.append(String.format(" %s=%.4g", e.getKey(), v));
                }
            }
            out.println(line);
        }
        out.flush();
    }

    /** A run's name, or a baseline's name indented under its run. */
    private static String label(ResultRow row) {
        return row.isBaseline() ? "  " + row.baseline() : row.run();
    }
}
