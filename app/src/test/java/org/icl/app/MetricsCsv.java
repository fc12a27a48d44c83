package org.icl.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a run's metrics.csv split into its header and cells. */
record MetricsCsv(List<String> header, List<List<String>> rows) {

    static MetricsCsv read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                rows.add(List.of(line.split(",", -1)));
            }
        }
        return new MetricsCsv(List.of(lines.get(0).split(",", -1)), rows);
    }

    /** The cells of one column, by header name. */
    List<String> column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return rows.stream().map(r -> r.get(index)).toList();
    }
}
