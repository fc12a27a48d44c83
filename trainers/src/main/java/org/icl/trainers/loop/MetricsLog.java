package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.config.InvalidInputException;

/**
 * Appends one row per training step to {@code metrics.csv}, flushed at once so an interrupted run
 * keeps its history. A resumed run cuts the file back to its length at the checkpoint (rows
 * after it were never checkpointed) and appends from there. The task's reported metrics (accuracies,
 * say) get a column each after eval_loss.
 */
final class MetricsLog implements AutoCloseable {

    /** One row of metrics.csv; eval_loss and the reported metrics are empty (null) on steps without evaluation. */
    record Row(int step, double trainLoss, Double evalLoss, Map<String, Double> reported, double elapsedSeconds) {
    }

    private final Path path;
    private final List<String> reported;
    private final Writer file;
    private final SequenceWriter rows;

    private MetricsLog(Path path, List<String> reported, Writer file, CsvSchema schema) throws IOException {
        this.path = path;
        this.reported = List.copyOf(reported);
        this.file = file;
        this.rows = new CsvMapper().writer(schema).writeValues(file);
    }

    /** The columns: step, train_loss, eval_loss, one per reported metric, elapsed_seconds. */
    private static CsvSchema schema(List<String> reported) {
        CsvSchema.Builder schema = CsvSchema.builder()
                .addColumn("step", CsvSchema.ColumnType.NUMBER)
                .addColumn("train_loss", CsvSchema.ColumnType.NUMBER)
                .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER);
        reported.forEach(name -> schema.addColumn(name, CsvSchema.ColumnType.NUMBER));
        return schema.addColumn("elapsed_seconds", CsvSchema.ColumnType.NUMBER).build();
    }

    /** A new log with its header, replacing any file at {@code path}; {@code reported} names the task's reported metrics. */
    static MetricsLog create(Path path, List<String> reported) {
        try {
            return new MetricsLog(path, reported, Files.newBufferedWriter(path), schema(reported).withHeader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The log of a resumed run: the file cut back to {@code bytes} (its length at the checkpoint), then appended to. */
    static MetricsLog resume(Path path, List<String> reported, long bytes) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) < bytes) {
                throw new InvalidInputException(path + " is missing or shorter than when the checkpoint was taken ("
                        + bytes + " bytes); delete the checkpoint to start the run over");
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(bytes);
            }
            return new MetricsLog(path, reported, Files.newBufferedWriter(path, StandardOpenOption.APPEND),
                    schema(reported).withoutHeader());
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
