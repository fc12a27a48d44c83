package org.icl.app.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * {@code aggregate.csv}: one row per point (variant and swept values) over its seeds. A numeric column
 * {@code c} becomes {@code c_mean}, {@code c_ci95_low} and {@code c_ci95_high}: the mean and the 95%
 * Student-t interval of the mean, mean ± t(0.975, n−1)·s/√n over the n completed trials (empty for n = 1).
 * A text column is kept where all trials of the point agree.
 */
final class Aggregate {

    static final String MEAN = "_mean";
    static final String LOW = "_ci95_low";
    static final String HIGH = "_ci95_high";

    private Aggregate() {
    }

    /** Aggregates {@code summary}, whose first {@code keyColumns} identify the point, over its rows of completed trials. */
    static Table of(Table summary, List<String> keyColumns, List<String> valueColumns) {
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        Map<List<String>, Integer> failed = new LinkedHashMap<>();
        for (int r = 0; r < summary.rows().size(); r++) {
            int row = r;
            List<String> key = keyColumns.stream().map(c -> summary.cell(row, c)).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>());
            failed.putIfAbsent(key, 0);
            String state = summary.cell(r, StudyReport.STATE);
            if (state.equals(TrialStatus.COMPLETED)) {
                groups.get(key).add(r);
            } else if (state.equals(TrialStatus.FAILED)) {
                failed.merge(key, 1, Integer::sum);
            }
        }
        Set<String> numeric = numericColumns(summary, valueColumns);
        List<String> columns = new ArrayList<>(keyColumns);
        columns.add("trials");
        columns.add("failed");
        for (String c : valueColumns) {
            if (numeric.contains(c)) {
                columns.addAll(List.of(c + MEAN, c + LOW, c + HIGH));
            } else {
                columns.add(c);
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<Integer>> group : groups.entrySet()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < keyColumns.size(); i++) {
                row.put(keyColumns.get(i), group.getKey().get(i));
            }
            row.put("trials", Integer.toString(group.getValue().size()));
            row.put("failed", Integer.toString(failed.get(group.getKey())));
            for (String c : valueColumns) {
                List<String> cells = group.getValue().stream().map(r -> summary.cell(r, c)).filter(s -> !s.isEmpty()).toList();
                if (numeric.contains(c)) {
                    putInterval(row, c, cells.stream().mapToDouble(Double::parseDouble).toArray());
                } else if (!cells.isEmpty() && new LinkedHashSet<>(cells).size() == 1) {
                    row.put(c, cells.get(0));
                }
            }
            rows.add(row);
        }
        return Table.of(columns, rows);
    }

    private static void putInterval(Map<String, String> row, String column, double[] values) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        row.put(column + MEAN, Double.toString(mean));
        if (n < 2) {
            return;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double halfWidth = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(squares / (n - 1) / n);
        row.put(column + LOW, Double.toString(mean - halfWidth));
        row.put(column + HIGH, Double.toString(mean + halfWidth));
    }

    /** Columns whose every non-empty cell is a number. */
    private static Set<String> numericColumns(Table summary, List<String> valueColumns) {
        Set<String> numeric = new LinkedHashSet<>();
        for (String c : valueColumns) {
            int index = summary.column(c);
            boolean any = false;
            boolean all = true;
            for (List<String> row : summary.rows()) {
                String cell = row.get(index);
                if (!cell.isEmpty()) {
                    any = true;
                    all &= isNumber(cell);
                }
            }
            if (any && all) {
                numeric.add(c);
            }
        }
        return numeric;
    }

    static boolean isNumber(String text) {
        // Double.parseDouble would also take "1d" or hex; a JSON or CSV number is plainer
        return text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|-?Infinity");
    }
}
