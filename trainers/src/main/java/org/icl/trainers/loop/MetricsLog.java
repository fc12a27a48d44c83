package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Appends one row per training step to {@code metrics.csv}, flushed at once so an interrupted run keeps its
 * history. The task's reported metrics (accuracies, say) get a column each after eval_loss.
 */
final class MetricsLog implements AutoCloseable {

    /** One row of metrics.csv; eval_loss and the reported metrics are empty (null) on steps without evaluation. */
    record Row(int step, double trainLoss, Double evalLoss, Map<String, Double> reported, double elapsedSeconds) {
    }

    private final List<String> reported;
    private final Writer file;
    private final SequenceWriter rows;

    MetricsLog(Path path, List<String> reported) {
        this.reported = List.copyOf(reported);
        CsvSchema.Builder schema = CsvSchema.builder()
                .addColumn("step", CsvSchema.ColumnType.NUMBER)
                .addColumn("train_loss", CsvSchema.ColumnType.NUMBER)
                .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER);
        reported.forEach(name -> schema.addColumn(name, CsvSchema.ColumnType.NUMBER));
        schema.addColumn("elapsed_seconds", CsvSchema.ColumnType.NUMBER);
        try {
            file = Files.newBufferedWriter(path);
            rows = new CsvMapper().writer(schema.build().withHeader()).writeValues(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    void append(Row row) {
        try {
            // An array row drops null cells, which would shift the columns: write an empty cell instead.
            List<Object> cells = new ArrayList<>(List.of(row.step(), row.trainLoss(), cell(row.evalLoss())));
            for (String name : reported) {
                cells.add(row.reported() == null ? "" : cell(row.reported().get(name)));
            }
            cells.add(row.elapsedSeconds());
            rows.write(cells.toArray());
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object cell(Double value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
