package org.icl.app.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.app.run.RunResult;

/**
 * Writes a study's {@code summary.csv}, the printed table in a form other tools read: one row per variant and,
 * after it, one per baseline of its task ({@code baseline} names it; empty on the trained model's row).
 */
public final class StudySummary {

    private StudySummary() {
    }

    public static void write(List<RunResult> results, Path file) {
        CsvSchema schema = CsvSchema.builder().addColumn("run").addColumn("baseline")
                .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER)
                .addColumn("reference").addColumn("reference_value", CsvSchema.ColumnType.NUMBER)
                .addColumn("ratio", CsvSchema.ColumnType.NUMBER).addColumn("steps_per_second", CsvSchema.ColumnType.NUMBER)
                .build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultRow r : ResultRow.of(results)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.run());
            row.put("baseline", r.baseline());
            row.put("eval_loss", r.evalLoss());
            row.put("reference", r.reference());
            row.put("reference_value", r.referenceValue());
            row.put("ratio", r.ratio());
            row.put("steps_per_second", r.stepsPerSecond().map(s -> (Object) s).orElse(""));
            rows.add(row);
        }
        try {
            new CsvMapper().writer(schema).writeValues(file.toFile()).writeAll(rows).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
