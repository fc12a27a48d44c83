package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code probes.csv}: a row per evaluation, the step and then each entry of the {@link ProbeReading}
 * (columns fixed by the first reading). A run whose readings are empty (its task has no reading of the
 * model) writes no file. Flushed and resumed as metrics.csv is (see {@link AppendedCsv}).
 */
final class ProbeLog implements AutoCloseable {

    private final Path path;
    private Optional<AppendedCsv> csv;
    private List<String> names = List.of();

    private ProbeLog(Path path, Optional<AppendedCsv> csv) {
        this.path = path;
        this.csv = csv;
    }

    /** A new log; a probes.csv left from an earlier run in the same place is removed. */
    static ProbeLog create(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
        return new ProbeLog(path, Optional.empty());
    }

    /** The log of a resumed run: the file cut back to {@code bytes} (its length at the checkpoint; 0: none yet). */
    static ProbeLog resume(Path path, long bytes) {
        if (bytes == 0) {
            return create(path);
        }
        List<String> columns = List.of();
        if (Files.isRegularFile(path)) {
            try (var reader = Files.newBufferedReader(path)) {
                String header = reader.readLine();
                columns = header == null ? List.of() : List.of(header.split(","));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        // AppendedCsv refuses a file that is missing or shorter than at the checkpoint.
        ProbeLog log = new ProbeLog(path, Optional.of(AppendedCsv.resume(path, columns, bytes)));
        log.names = columns.subList(1, columns.size());
        return log;
    }

    /** Appends the reading after {@code step}; nothing when it is empty. */
    void append(int step, Map<String, Double> reading) {
        if (reading.isEmpty()) {
            return;
        }
        if (csv.isEmpty()) {
            names = List.copyOf(reading.keySet());
            List<String> columns = new ArrayList<>(List.of("step"));
            columns.addAll(names);
            csv = Optional.of(AppendedCsv.create(path, columns));
        }
        List<Object> cells = new ArrayList<>(List.of(step));
        for (String name : names) {
            Double value = reading.get(name);
            cells.add(value == null ? "" : value);
        }
        csv.get().append(cells);
    }

    /** The length of the file with every row so far written; 0 before the first. */
    long bytes() {
        return csv.map(AppendedCsv::bytes).orElse(0L);
    }

    @Override
    public void close() {
        csv.ifPresent(AppendedCsv::close);
    }
}
