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

/** Writes a study's {@code summary.csv}: one row per variant, the printed table in a form other tools read. */
public final class StudySummary {

    private StudySummary() {
    }

    public static void write(List<RunResult> results, Path file) {
        CsvSchema schema = CsvSchema.builder().addColumn("run").addColumn("eval_loss", CsvSchema.ColumnType.NUMBER)
                .addColumn("reference").addColumn("reference_value", CsvSchema.ColumnType.NUMBER)
                .addColumn("ratio", CsvSchema.ColumnType.NUMBER).addColumn("steps_per_second", CsvSchema.ColumnType.NUMBER)
                .build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.name());
            row.put("eval_loss", r.evaluation().loss());
            row.put("reference", r.theory().reference());
            row.put("reference_value", r.theory().referenceValue());
            row.put("ratio", r.ratioToTheory());
            row.put("steps_per_second", r.training().map(t -> (Object) t.stepsPerSecond()).orElse(""));
            rows.add(row);
        }
        try {
            new CsvMapper().writer(schema).writeValues(file.toFile()).writeAll(rows).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
