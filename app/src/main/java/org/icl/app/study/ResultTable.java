package org.icl.app.study;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.icl.app.run.RunResult;

/**
 * Prints runs side by side: evaluation loss, the theory value it should match and their ratio (when some
 * run has theory), the metrics the tasks report (accuracies, say), speed and mechanism; under each run,
 * indented, its task's baselines scored on the same prompts (ratio to the run's reference); a diverged
 * run's row says where and how it diverged instead. A run without theory or a metric shows "-" there.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<RunResult> results, PrintWriter out) {
        List<ResultRow> rows = ResultRow.of(results);
        boolean theory = results.stream().anyMatch(r -> r.theory().isPresent());
        Set<String> reported = RunResult.reportedByAny(results);
        int width = 12;
        for (ResultRow row : rows) {
            width = Math.max(width, label(row).length());
        }
        String name = "%-" + width + "s";
        StringBuilder header = new StringBuilder(String.format(name + " %12s", "run", "eval loss"));
        if (theory) {
            header.append(String.format(" %12s  %-18s %8s", "theory", "(reference)", "ratio"));
        }
        reported.forEach(metric -> header.append(' ').append(pad(metric, 12)));
        out.println(header.append(String.format(" %10s", "steps/s")));
        for (ResultRow row : rows) {
            if (row.divergence().isPresent()) {
                var d = row.divergence().get();
                out.printf(name + " %12s  at step %d: %s = %s (%s)%n", label(row), "DIVERGED", d.step(), d.quantity(),
                        d.value(), d.reason());
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(name + " %12.4f", label(row), row.evalLoss()));
            if (theory) {
                String ratio = row.ratio().isPresent() ? String.format("%.3f", row.ratio().getAsDouble()) : "-";
                if (row.isBaseline() || row.theory().isEmpty()) {
                    line.append(String.format(" %12s  %-18s %8s", row.isBaseline() ? "" : "-", "", ratio));
                } else {
                    line.append(String.format(" %12.4f  %-18s %8s", row.theory().get().referenceValue(),
                            row.theory().get().reference(), ratio));
                }
            }
            for (String metric : reported) {
                Double value = row.reported().get(metric);
                line.append(' ').append(pad(value == null ? "-" : String.format("%.4f", value), Math.max(12, metric.length())));
            }
            line.append(String.format(" %10s", row.stepsPerSecond().map(s -> String.format("%.1f", s)).orElse("-")));
            out.println(line);
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

    /** {@code text} right-aligned in {@code width} characters, or as is when longer. */
    private static String pad(String text, int width) {
        return String.format("%" + Math.max(width, text.length()) + "s", text);
    }
}
