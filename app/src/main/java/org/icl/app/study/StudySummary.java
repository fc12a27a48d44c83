package org.icl.app.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.io.AtomicFile;
import org.icl.app.run.RunResult;

/**
 * Writes a study's {@code summary.csv}, the printed table in a form other tools read: one row per variant and,
 * after it, one per baseline of its task ({@code baseline} names it; empty on the trained model's row).
 * {@code status} is completed or diverged; a diverged row leaves the losses empty and fills
 * {@code diverged_step}, {@code diverged_quantity} and {@code diverged_value}.
 */
public final class StudySummary {

    private StudySummary() {
    }

    public static void write(List<RunResult> results, Path file) {
        CsvSchema schema = CsvSchema.builder().addColumn("run").addColumn("baseline").addColumn("status")
                .addColumn("eval_loss", CsvSchema.ColumnType.NUMBER)
                .addColumn("reference").addColumn("reference_value", CsvSchema.ColumnType.NUMBER)
                .addColumn("ratio", CsvSchema.ColumnType.NUMBER).addColumn("steps_per_second", CsvSchema.ColumnType.NUMBER)
                .addColumn("diverged_step", CsvSchema.ColumnType.NUMBER).addColumn("diverged_quantity")
                .addColumn("diverged_value", CsvSchema.ColumnType.NUMBER)
                .build().withHeader();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultRow r : ResultRow.of(results)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", r.run());
            row.put("baseline", r.baseline());
            row.put("status", r.status());
            row.put("eval_loss", finiteOrEmpty(r.evalLoss()));
            row.put("reference", r.reference());
            row.put("reference_value", r.referenceValue());
            row.put("ratio", finiteOrEmpty(r.ratio()));
            row.put("steps_per_second", r.stepsPerSecond().map(v -> (Object) v).orElse(""));
            row.put("diverged_step", r.divergence().map(d -> (Object) d.step()).orElse(""));
            row.put("diverged_quantity", r.divergence().map(d -> (Object) d.quantity()).orElse(""));
            row.put("diverged_value", r.divergence().map(d -> (Object) d.value()).orElse(""));
            rows.add(row);
        }
        AtomicFile.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
    }

    private static Object finiteOrEmpty(double value) {
        return Double.isFinite(value) ? value : "";
    }
}
