package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.config.InvalidInputException;

/**
 * Appends one row per training step to {@code metrics.csv}, flushed at once so an interrupted run
 * keeps its history. A resumed run cuts the file back to its length at the checkpoint (rows
 * after it were never checkpointed) and appends from there.
 */
final class MetricsLog implements AutoCloseable {

    /** One row of metrics.csv; eval_loss is empty on steps without evaluation. */
    record Row(int step, double trainLoss, Double evalLoss, double elapsedSeconds) {
    }

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("step", CsvSchema.ColumnType.NUMBER)
            .addColumn("train_loss", CsvSchema.ColumnType.NUMBER)
            .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER)
            .addColumn("elapsed_seconds", CsvSchema.ColumnType.NUMBER)
            .build();

    private final Path path;
    private final Writer file;
    private final SequenceWriter rows;

    private MetricsLog(Path path, Writer file, CsvSchema schema) throws IOException {
        this.path = path;
        this.file = file;
        this.rows = new CsvMapper().writer(schema).writeValues(file);
    }

    /** A new log with its header, replacing any file at {@code path}. */
    static MetricsLog create(Path path) {
        try {
            return new MetricsLog(path, Files.newBufferedWriter(path), SCHEMA.withHeader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The log of a resumed run: the file cut back to {@code bytes} (its length at the checkpoint), then appended to. */
    static MetricsLog resume(Path path, long bytes) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) < bytes) {
                throw new InvalidInputException(path + " is missing or shorter than when the checkpoint was taken ("
                        + bytes + " bytes); delete the checkpoint to start the run over");
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(bytes);
            }
            return new MetricsLog(path, Files.newBufferedWriter(path, StandardOpenOption.APPEND), SCHEMA.withoutHeader());
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

    /** The length of the file with every row so far written. */
    long bytes() {
        try {
            file.flush();
            return Files.size(path);
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
