package org.icl.app.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.icl.api.io.AtomicFile;
import org.icl.api.config.InvalidSettingException;
import org.icl.app.plot.LearningCurves;
import org.icl.app.plot.PlotStyle;
import org.icl.app.plot.StudyPlot;

/**
 * The report of a study's output: {@code summary.csv} (one row per trial: swept values, seed, state and
 * every scalar of its result.json), {@code timings.csv} (the timings, apart so that summaries compare
 * byte for byte), {@code aggregate.csv} (mean and 95% interval over seeds per point), figures as PNG
 * and SVG under {@code figures/}, and a self-contained {@code report.html}. The directories of a
 * study's shards merge: each trial is taken from the first directory that holds it complete.
 */
public final class StudyReport {

    static final String STATE = "state";
    /** Studies with at most this many trials get a learning-curves figure (more lines would be unreadable). */
    static final int MAX_LEARNING_CURVES = 12;

    /** What the report found and wrote. */
    public record Written(StudyManifest manifest, Table summary, Table aggregate, Map<String, Integer> states, Path html,
                          Optional<Table> evaluations) {
    }

    /** One figure of the report: its caption and image (its PNG is inlined into report.html). */
    record Figure(String caption, PlotStyle.Figure image) {
    }

    private StudyReport() {
    }

    /** Reports the study whose output lies in {@code directories} (one shared directory, or one per shard) into {@code out}. */
    public static Written write(List<Path> directories, Path out) {
        StudyManifest manifest = StudyManifest.read(directories.get(0));
        for (Path other : directories.subList(1, directories.size())) {
            if (!StudyManifest.read(other).trials().equals(manifest.trials())) {
                throw new InvalidSettingException(other + " holds another study than " + directories.get(0)
                        + " (their study.json list other trials): only shards of one study merge");
            }
        }
        List<TrialRecord> records = manifest.trials().stream().map(e -> TrialRecord.find(e, directories)).toList();
        List<String> keyColumns = new ArrayList<>();
        if (manifest.variants()) {
            keyColumns.add("variant");
        }
        keyColumns.addAll(manifest.axes());
        Set<String> valueColumns = new LinkedHashSet<>();
        Set<String> timingColumns = new LinkedHashSet<>();
        records.forEach(r -> {
            valueColumns.addAll(r.values().keySet());
            timingColumns.addAll(r.timings().keySet());
        });
        valueColumns.removeAll(keyColumns);

        List<String> summaryColumns = new ArrayList<>(List.of("trial"));
        summaryColumns.addAll(keyColumns);
        summaryColumns.addAll(List.of("seed", STATE));
        summaryColumns.addAll(valueColumns);
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, String>> timingRows = new ArrayList<>();
        Map<String, Integer> states = new TreeMap<>();
        for (TrialRecord r : records) {
            Map<String, String> row = new LinkedHashMap<>(r.values());
            row.put("trial", r.entry().name());
            row.put("variant", r.entry().variant());
            row.putAll(r.entry().point());
            row.put("seed", Long.toString(r.entry().seed()));
            row.put(STATE, r.state());
            rows.add(row);
            Map<String, String> timing = new LinkedHashMap<>(r.timings());
            timing.put("trial", r.entry().name());
            timingRows.add(timing);
            states.merge(r.state(), 1, Integer::sum);
        }
        Table summary = Table.of(summaryColumns, rows);
        List<String> timingHeader = new ArrayList<>(List.of("trial"));
        timingHeader.addAll(timingColumns);
        Table timings = Table.of(timingHeader, timingRows);
        Table aggregate = Aggregate.of(summary, keyColumns, new ArrayList<>(valueColumns));

        summary.writeCsv(out.resolve("summary.csv"));
        timings.writeCsv(out.resolve("timings.csv"));
        aggregate.writeCsv(out.resolve("aggregate.csv"));
        List<Figure> figures = new ArrayList<>(plots(manifest, keyColumns, aggregate, out));
        learningCurves(records).forEach((file, figure) -> {
            figure.image().write(out.resolve(file));
            figures.add(figure);
        });
        Optional<Table> evaluations = Optional.empty();
        if (!manifest.report().methods().isEmpty()) {
            evaluations = Optional.of(ReasoningStepsReport.table(records, manifest.report().methods()));
            figures.add(ReasoningStepsReport.write(evaluations.get(), records, out));
        }
        Path html = out.resolve("report.html");
        AtomicFile.writeString(html, HtmlReport.render(manifest, summary, aggregate, timings, states, figures,
                manifest.report().heatmaps() ? heatmaps(records) : Map.of()));
        return new Written(manifest, summary, aggregate, states, html, evaluations);
    }

    /** Prints each point's number of trials and, per plotted column, mean ± the 95% half width (and the theory reference for the loss). */
    public static void print(Written report, PrintWriter out) {
        Table a = report.aggregate();
        List<String> keys = new ArrayList<>();
        if (report.manifest().variants()) {
            keys.add("variant");
        }
        keys.addAll(report.manifest().axes());
        List<TextTable.Column> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(TextTable.Column.text(k)));
        columns.add(TextTable.Column.number("trials"));
        report.manifest().report().y().forEach(y -> columns.add(TextTable.Column.number(y + " (95%)")));
        columns.add(TextTable.Column.number("theory"));
        columns.add(TextTable.Column.text("(reference)"));
        TextTable table = new TextTable(columns);
        for (int r = 0; r < a.rows().size(); r++) {
            List<String> cells = new ArrayList<>();
            for (String k : keys) {
                cells.add(a.cell(r, k));
            }
            cells.add(a.cell(r, "trials"));
            for (String y : report.manifest().report().y()) {
                cells.add(interval(a, r, y));
            }
            String reference = a.cell(r, "theory.reference");
            String theory = a.cell(r, "theory." + reference + Aggregate.MEAN);
            cells.add(theory.isEmpty() ? "-" : ReadableNumber.format(Double.parseDouble(theory)));
            cells.add(reference);
            table.row(cells);
        }
        table.print(out);
        out.println();
        printEvaluations(report, out);
    }

    /** Prints the long table of evaluations against reasoning steps, when the study's report names methods. */
    public static void printEvaluations(Written report, PrintWriter out) {
        report.evaluations().ifPresent(table -> ReasoningStepsReport.print(table, out));
        out.flush();
    }

    /** "mean ± half width" of column {@code y} in row {@code r}, or "-" where there is none. */
    static String interval(Table aggregate, int r, String y) {
        String mean = aggregate.cell(r, y + Aggregate.MEAN);
        if (mean.isEmpty()) {
            return "-";
        }
        String high = aggregate.cell(r, y + Aggregate.HIGH);
        double m = Double.parseDouble(mean);
        return high.isEmpty() ? ReadableNumber.format(m)
                : ReadableNumber.format(m) + " ± " + ReadableNumber.format(Double.parseDouble(high) - m, 2);
    }

    private static List<Figure> plots(StudyManifest manifest, List<String> keyColumns, Table aggregate, Path out) {
        String x = manifest.report().x().isEmpty() ? numericAxis(manifest, aggregate).orElse("") : manifest.report().x();
        List<Figure> figures = new ArrayList<>();
        for (String y : manifest.report().y()) {
            if (aggregate.column(y + Aggregate.MEAN) < 0) {
                continue;
            }
            Map<String, List<Integer>> seriesRows = new LinkedHashMap<>();
            for (int r = 0; r < aggregate.rows().size(); r++) {
                List<String> parts = new ArrayList<>();
                // without an x axis every point is a category of one series
                for (String k : x.isEmpty() ? List.<String>of() : keyColumns) {
                    if (!k.equals(x)) {
                        parts.add(k.equals("variant") ? aggregate.cell(r, k) : k + "=" + aggregate.cell(r, k));
                    }
                }
                seriesRows.computeIfAbsent(String.join(", ", parts), s -> new ArrayList<>()).add(r);
            }
            boolean numericX = !x.isEmpty() && java.util.stream.IntStream.range(0, aggregate.rows().size())
                    .allMatch(r -> Aggregate.isNumber(aggregate.cell(r, x)));
            List<StudyPlot.Series> series = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> s : seriesRows.entrySet()) {
                List<Integer> members = new ArrayList<>(s.getValue());
                if (numericX) {
                    members.sort(java.util.Comparator.comparingDouble(r -> Double.parseDouble(aggregate.cell(r, x))));
                }
                List<String> xs = new ArrayList<>();
                List<Double> means = new ArrayList<>();
                List<Double> halves = new ArrayList<>();
                List<Double> theory = new ArrayList<>();
                Set<String> references = new LinkedHashSet<>();
                for (int r : members) {
                    xs.add(x.isEmpty() ? pointLabel(aggregate, r, keyColumns) : aggregate.cell(r, x));
                    means.add(number(aggregate.cell(r, y + Aggregate.MEAN)));
                    Double high = number(aggregate.cell(r, y + Aggregate.HIGH));
                    halves.add(high == null ? null : high - means.get(means.size() - 1));
                    // the loss is the value the task's theory reference speaks to
                    String reference = y.equals("metrics.eval_loss") ? aggregate.cell(r, "theory.reference") : "";
                    theory.add(reference.isEmpty() ? null : number(aggregate.cell(r, "theory." + reference + Aggregate.MEAN)));
                    if (!reference.isEmpty()) {
                        references.add(reference);
                    }
                }
                String theoryName = references.size() == 1 ? "theory " + references.iterator().next() : "theory";
                series.add(new StudyPlot.Series(x.isEmpty() ? "" : s.getKey(), xs, means, halves, theory, theoryName));
            }
            String title = y + " (mean over seeds, 95% interval)";
            PlotStyle.Figure figure = StudyPlot.draw(title, x.isEmpty() ? "point" : x, y, numericX, series);
            String file = TrialNames.safe(y);
            figure.write(out.resolve("figures").resolve(file + ".png"));
            figures.add(new Figure(y + " against " + (x.isEmpty() ? "each point" : x)
                    + "; error bars: 95% interval over seeds; dashed: the theory reference (figures/" + file + ".png, .svg).", figure));
        }
        return figures;
    }

    /** The first swept key whose labels are all numbers and not all equal. */
    private static Optional<String> numericAxis(StudyManifest manifest, Table aggregate) {
        for (String axis : manifest.axes()) {
            Set<String> labels = new LinkedHashSet<>();
            for (int r = 0; r < aggregate.rows().size(); r++) {
                labels.add(aggregate.cell(r, axis));
            }
            if (labels.size() > 1 && labels.stream().allMatch(Aggregate::isNumber)) {
                return Optional.of(axis);
            }
        }
        return Optional.empty();
    }

    private static String pointLabel(Table aggregate, int r, List<String> keyColumns) {
        List<String> parts = new ArrayList<>();
        for (String k : keyColumns) {
            parts.add(k.equals("variant") ? aggregate.cell(r, k) : k + "=" + aggregate.cell(r, k));
        }
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    private static Double number(String cell) {
        return cell.isEmpty() ? null : Double.parseDouble(cell);
    }

    /**
     * The learning curves of the loss (dashed: each trial's theory reference, when its task has one) and of each
     * metric the trials' tasks report, by file name; none for a study with more trials than fit one figure.
     */
    private static Map<String, Figure> learningCurves(List<TrialRecord> records) {
        List<LearningCurves.Curve> curves = new ArrayList<>();
        for (TrialRecord r : records) {
            String reference = r.values().getOrDefault("theory.reference", "");
            // The curve scores the monitor prompts: so does its reference, where the result has it.
            String value = r.values().getOrDefault("monitor_theory." + reference, r.values().getOrDefault("theory." + reference, ""));
            if (r.directory().isPresent()) {
                curves.add(new LearningCurves.Curve(r.entry().name(), r.directory().get().resolve("metrics.csv"),
                        Aggregate.isNumber(value) ? Optional.of(new LearningCurves.Reference(reference, Double.parseDouble(value)))
                                : Optional.empty()));
            }
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        if (curves.isEmpty() || curves.size() > MAX_LEARNING_CURVES) {
            return figures;
        }
        LearningCurves.draw(curves).ifPresent(image -> figures.put("learning-curves.png", new Figure(
                "Evaluation loss on the monitor prompts during training; dashed: each trial's theory reference "
                        + "(learning-curves.png, .svg).", image)));
        for (String metric : LearningCurves.reportedMetrics(curves)) {
            String file = "learning-curves-" + TrialNames.safe(metric);
            LearningCurves.draw(curves, metric).ifPresent(image -> figures.put(file + ".png",
                    new Figure(metric + " on the monitor prompts during training (" + file + ".png, .svg).", image)));
        }
        return figures;
    }

    /** Each complete trial's heatmap PNGs, by trial and file name. */
    private static Map<String, Map<String, byte[]>> heatmaps(List<TrialRecord> records) {
        Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
        for (TrialRecord r : records) {
            if (r.directory().isEmpty()) {
                continue;
            }
            Map<String, byte[]> images = new TreeMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(r.directory().get(), "heatmap-*.png")) {
                for (Path f : files) {
                    images.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the heatmaps of " + r.directory().get(), e);
            }
            all.put(r.entry().name(), images);
        }
        return all;
    }
}
