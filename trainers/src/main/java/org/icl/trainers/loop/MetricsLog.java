package org.icl.trainers.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends one row per training step to {@code metrics.csv} (see {@link AppendedCsv} for how it is flushed
 * and resumed). The task's reported metrics (accuracies, say) get a column each after eval_loss. A run on
 * the log evaluation schedule starts with a row for step 0, its evaluation before training, whose
 * train_loss is empty.
 */
final class MetricsLog implements AutoCloseable {

    /**
     * One row of metrics.csv; eval_loss and the reported metrics are empty (null) on steps without evaluation,
     * the training loss (NaN) at step 0.
     */
    record Row(int step, double trainLoss, Double evalLoss, Map<String, Double> reported, double elapsedSeconds) {
    }

    private final List<String> reported;
    private final AppendedCsv csv;

    private MetricsLog(List<String> reported, AppendedCsv csv) {
        this.reported = List.copyOf(reported);
        this.csv = csv;
    }

    /** The columns: step, train_loss, eval_loss, one per reported metric, elapsed_seconds. */
    private static List<String> columns(List<String> reported) {
        List<String> columns = new ArrayList<>(List.of("step", "train_loss", "eval_loss"));
        columns.addAll(reported);
        columns.add("elapsed_seconds");
        return columns;
    }

    /** A new log with its header, replacing any file at {@code path}; {@code reported} names the task's reported metrics. */
    static MetricsLog create(Path path, List<String> reported) {
        return new MetricsLog(reported, AppendedCsv.create(path, columns(reported)));
    }

    /** The log of a resumed run: the file cut back to {@code bytes} (its length at the checkpoint), then appended to. */
    static MetricsLog resume(Path path, List<String> reported, long bytes) {
        return new MetricsLog(reported, AppendedCsv.resume(path, columns(reported), bytes));
    }

    void append(Row row) {
        List<Object> cells = new ArrayList<>();
        cells.add(row.step());
        cells.add(row.step() == 0 ? "" : row.trainLoss());
        cells.add(cell(row.evalLoss()));
        for (String name : reported) {
            cells.add(row.reported() == null ? "" : cell(row.reported().get(name)));
        }
        cells.add(row.elapsedSeconds());
        csv.append(cells);
    }

    private static Object cell(Double value) {
        return value == null ? "" : value;
    }

    /** The length of the file with every row so far written. */
    long bytes() {
        return csv.bytes();
    }

    @Override
    public void close() {
        csv.close();
    }
}
