package org.icl.app.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.app.run.RunResult;

/**
 * Writes a study's {@code summary.csv}: one row per variant, the printed table in a form other tools read.
 * The theory columns appear when some run has theory, a column per reported metric when some run reports it.
 */
public final class StudySummary {

    private StudySummary() {
    }

    public static void write(List<RunResult> results, Path file) {
        boolean theory = results.stream().anyMatch(r -> r.theory().isPresent());
        Set<String> reported = RunResult.reportedByAny(results);
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("run").addColumn("eval_loss", CsvSchema.ColumnType.NUMBER);
        if (theory) {
            schema.addColumn("reference").addColumn("reference_value", CsvSchema.ColumnType.NUMBER)
                    .addColumn("ratio", CsvSchema.ColumnType.NUMBER);
        }
        reported.forEach(name -> schema.addColumn(name, CsvSchema.ColumnType.NUMBER));
        schema.addColumn("steps_per_second", CsvSchema.ColumnType.NUMBER);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.name());
            row.put("eval_loss", r.evaluation().loss());
            if (theory) {
                row.put("reference", r.theory().map(t -> (Object) t.reference()).orElse(""));
                row.put("reference_value", r.theory().map(t -> (Object) t.referenceValue()).orElse(""));
                row.put("ratio", r.ratioToTheory().isPresent() ? (Object) r.ratioToTheory().getAsDouble() : "");
            }
            Map<String, Double> values = r.reported();
            reported.forEach(name -> row.put(name, values.containsKey(name) ? (Object) values.get(name) : ""));
            row.put("steps_per_second", r.training().map(t -> (Object) t.stepsPerSecond()).orElse(""));
            rows.add(row);
        }
        try {
            new CsvMapper().writer(schema.build().withHeader()).writeValues(file.toFile()).writeAll(rows).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
