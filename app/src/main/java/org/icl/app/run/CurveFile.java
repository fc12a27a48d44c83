package org.icl.app.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.icl.api.io.AtomicFile;
import org.icl.api.task.Curve;

/** Writes one task curve as CSV: the variable's values down the first column, one column per series (model, baselines). */
final class CurveFile {

    private CurveFile() {
    }

    static void write(Map<String, Curve> series, Path file) {
        String variable = series.values().iterator().next().variable();
        CsvSchema.Builder schema = CsvSchema.builder().addColumn(variable, CsvSchema.ColumnType.NUMBER);
        // Rows are the union of the series' x values; a series without a point at some x leaves its cell empty.
        TreeMap<Double, Map<String, Object>> rows = new TreeMap<>();
        for (Map.Entry<String, Curve> entry : series.entrySet()) {
            schema.addColumn(entry.getKey(), CsvSchema.ColumnType.NUMBER);
            Curve curve = entry.getValue();
            for (int i = 0; i < curve.x().size(); i++) {
                rows.computeIfAbsent(curve.x().get(i), x -> new LinkedHashMap<>()).put(entry.getKey(), curve.y().get(i));
            }
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        rows.forEach((x, values) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put(variable, x == Math.rint(x) ? (Object) (long) (double) x : x);
            for (String name : series.keySet()) {
                line.put(name, values.getOrDefault(name, ""));
            }
            lines.add(line);
        });
        AtomicFile.write(file, out -> new CsvMapper().writer(schema.build().withHeader()).writeValues(out).writeAll(lines).close());
    }
}
