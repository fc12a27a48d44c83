package org.icl.app.study;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.icl.app.run.RunResult;

/**
 * Prints runs side by side: evaluation loss, the theory value it should match and their ratio (when some
 * run has theory), the metrics the tasks report (accuracies, say), speed, and the mechanism readings.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<RunResult> results, PrintWriter out) {
        boolean theory = results.stream().anyMatch(r -> r.theory().isPresent());
        Set<String> reported = RunResult.reportedByAny(results);
        StringBuilder header = new StringBuilder(String.format("%-12s %12s", "run", "eval loss"));
        if (theory) {
            header.append(String.format(" %12s  %-18s %8s", "theory", "(reference)", "ratio"));
        }
        reported.forEach(name -> header.append(' ').append(pad(name, 12)));
        out.println(header.append(String.format(" %10s", "steps/s")));
        for (RunResult r : results) {
            StringBuilder line = new StringBuilder(String.format("%-12s %12.4f", r.name(), r.evaluation().loss()));
            if (theory) {
                line.append(r.theory().map(t -> String.format(" %12.4f  %-18s %8.3f", t.referenceValue(), t.reference(),
                        r.ratioToTheory().getAsDouble())).orElse(String.format(" %12s  %-18s %8s", "-", "", "-")));
            }
            for (String name : reported) {
                Double value = r.evaluation().metrics().get(name);
                line.append(' ').append(pad(value == null || !r.reportedMetrics().contains(name) ? "-"
                        : String.format("%.4f", value), Math.max(12, name.length())));
            }
            line.append(String.format(" %10s", r.training().map(t -> String.format("%.1f", t.stepsPerSecond())).orElse("-")));
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

    private static String pad(String text, int width) {
        return String.format("%" + Math.max(width, text.length()) + "s", text);
    }
}
