package org.icl.app.study;

import java.io.PrintWriter;
import java.util.ArrayList;
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
        boolean theory = results.stream().anyMatch(r -> r.theory().isPresent());
        Set<String> reported = RunResult.reportedByAny(results);
        List<TextTable.Column> columns = new ArrayList<>(List.of(TextTable.Column.text("run"), TextTable.Column.number("eval loss")));
        if (theory) {
            columns.addAll(List.of(TextTable.Column.number("theory"), TextTable.Column.text("(reference)"),
                    TextTable.Column.number("ratio")));
        }
        reported.forEach(metric -> columns.add(TextTable.Column.number(metric)));
        columns.add(TextTable.Column.number("steps/s"));
        TextTable table = new TextTable(columns);
        for (ResultRow row : ResultRow.of(results)) {
            if (row.divergence().isPresent()) {
                var d = row.divergence().get();
                table.row(List.of(label(row), "DIVERGED"), "at step " + d.step() + ": " + d.quantity() + " = "
                        + ReadableNumber.format(d.value()) + " (" + d.reason() + ")");
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(label(row), ReadableNumber.format(row.evalLoss())));
            if (theory) {
                String ratio = row.ratio().isPresent() ? ReadableNumber.format(row.ratio().getAsDouble()) : "-";
                if (row.isBaseline() || row.theory().isEmpty()) {
                    cells.addAll(List.of(row.isBaseline() ? "" : "-", "", ratio));
                } else {
                    cells.addAll(List.of(ReadableNumber.format(row.theory().get().referenceValue()),
                            row.theory().get().reference(), ratio));
                }
            }
            for (String metric : reported) {
                Double value = row.reported().get(metric);
                cells.add(value == null ? "-" : ReadableNumber.format(value));
            }
            cells.add(row.stepsPerSecond().map(ReadableNumber::format).orElse("-"));
            table.row(cells);
        }
        table.print(out);
        for (RunResult r : results) {
            if (r.mechanism().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder("mechanism " + r.name() + ":");
            for (Map.Entry<String, Object> e : r.mechanism().entrySet()) {
                if (e.getValue() instanceof Double v) {
                    line.append(' ').append(e.getKey()).append('=').append(ReadableNumber.format(v));
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
