package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.config.InvalidInputException;

/**
 * A CSV file the training loop appends rows to, each flushed at once so an interrupted run keeps its
 * history. A resumed run cuts the file back to its length at the checkpoint (rows after it were never
 * checkpointed) and appends from there, so it ends with the same bytes as a run that was never interrupted.
 */
final class AppendedCsv implements AutoCloseable {

    private final Path path;
    private final int columns;
    private final Writer file;
    private final SequenceWriter rows;

    private AppendedCsv(Path path, int columns, Writer file, CsvSchema schema) throws IOException {
        this.path = path;
        this.columns = columns;
        this.file = file;
        this.rows = new CsvMapper().writer(schema).writeValues(file);
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(name -> schema.addColumn(name, CsvSchema.ColumnType.NUMBER));
        return schema.build();
    }

    /** A new file with the header {@code columns}, replacing any file at {@code path}. */
    static AppendedCsv create(Path path, List<String> columns) {
        try {
            return new AppendedCsv(path, columns.size(), Files.newBufferedWriter(path), schema(columns).withHeader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** The file of a resumed run: cut back to {@code bytes} (its length at the checkpoint), then appended to. */
    static AppendedCsv resume(Path path, List<String> columns, long bytes) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) < bytes) {
                throw new InvalidInputException(path + " is missing or shorter than when the checkpoint was taken ("
                        + bytes + " bytes); delete the checkpoint to start the run over");
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(bytes);
            }
            return new AppendedCsv(path, columns.size(), Files.newBufferedWriter(path, StandardOpenOption.APPEND),
                    schema(columns).withoutHeader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Writes one row, a cell per column; an empty string for an empty cell (a null would shift the columns). */
    void append(List<Object> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns + " columns of " + path);
        }
        try {
            rows.write(cells.toArray());
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
