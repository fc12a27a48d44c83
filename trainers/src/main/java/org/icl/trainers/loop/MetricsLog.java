package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Appends one row per training step to {@code metrics.csv}, flushed at once so an interrupted run keeps its history. */
final class MetricsLog implements AutoCloseable {

    /** One row of metrics.csv; eval_loss is empty on steps without evaluation. */
    record Row(int step, double trainLoss, Double evalLoss, double elapsedSeconds) {
    }

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("step", CsvSchema.ColumnType.NUMBER)
            .addColumn("train_loss", CsvSchema.ColumnType.NUMBER)
            .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER)
            .addColumn("elapsed_seconds", CsvSchema.ColumnType.NUMBER)
            .build().withHeader();

    private final Writer file;
    private final SequenceWriter rows;

    MetricsLog(Path path) {
        try {
            file = Files.newBufferedWriter(path);
            rows = new CsvMapper().writer(SCHEMA).writeValues(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    void append(Row row) {
        try {
            // An array row drops null cells, which would shift the columns: write an empty cell instead.
            Object eval = row.evalLoss() == null ? "" : row.evalLoss();
            rows.write(new Object[] {row.step(), row.trainLoss(), eval, row.elapsedSeconds()});
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
