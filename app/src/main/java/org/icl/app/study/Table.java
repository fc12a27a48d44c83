package org.icl.app.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.io.AtomicFile;

/** A table of text cells under named columns, written as CSV with a header ("" is an empty cell, which pandas reads as NaN). */
public record Table(List<String> columns, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** A table of the given columns, one row per map (absent keys are empty cells). */
    static Table of(List<String> columns, List<Map<String, String>> maps) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> map : maps) {
            rows.add(columns.stream().map(c -> map.getOrDefault(c, "")).toList());
        }
        return new Table(columns, rows);
    }

    public int column(String name) {
        return columns.indexOf(name);
    }

    /** The cell of {@code row} in column {@code name}, "" when there is no such column. */
    public String cell(int row, String name) {
        int c = column(name);
        return c < 0 ? "" : rows.get(row).get(c);
    }

    void writeCsv(java.nio.file.Path file) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        // quote only cells that need it (Jackson otherwise quotes every long cell)
        CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        AtomicFile.write(file, out -> mapper.writer(schema.build().withHeader().withLineSeparator("\n"))
                .writeValues(out).writeAll(rows.stream().map(List::toArray).toList()).close());
    }
}
