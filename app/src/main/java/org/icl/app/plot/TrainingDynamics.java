package org.icl.app.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.icl.api.autodiff.Parameter;
import org.icl.trainers.loop.ParameterFile;
import org.icl.trainers.loop.RunFiles;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A run's training dynamics, from its metrics.csv, probes.csv and parameter snapshots: {@value #FIGURE}
 * (PNG and SVG) plots the evaluation loss, with the theory reference on the same monitor prompts dashed, and each
 * probe against the training step, on a log step axis when the run evaluated on the log schedule (step 0, before
 * training, then drawn at ½); {@value #HEATMAPS} (PNG and SVG) shows each parameter at a few steps side by side (first, two
 * on the way, last), on one colour scale per parameter, so that a construction can be seen to emerge.
 */
public final class TrainingDynamics {

    /** The file name, without extension, of the curves. */
    public static final String FIGURE = "dynamics";
    /** The file name, without extension, of the heatmaps over training. */
    public static final String HEATMAPS = "dynamics-heatmaps";
    /** Snapshots drawn per parameter. */
    static final int HEATMAP_STEPS = 4;
    /** Where step 0 sits on a log step axis, which cannot show 0. */
    static final double STEP_ZERO_ON_LOG_AXIS = 0.5;

    private static final String LOOP_LOSS = "loss_after_loop_";

    private TrainingDynamics() {
    }

    /**
     * Draws the figures of the run in {@code dir} (nothing for a run without an evaluation logged; no heatmaps
     * without snapshots); {@code parameters} give the names and shapes the snapshots are read into.
     */
    public static void save(String run, Path dir, Optional<LearningCurves.Reference> reference, List<Parameter> parameters,
                            List<String> tokenLabels) {
        List<Map<String, String>> evaluations = LearningCurves.rows(dir.resolve(RunFiles.METRICS)).stream()
                .filter(row -> !row.getOrDefault(LearningCurves.LOSS, "").isEmpty()).toList();
        if (evaluations.isEmpty()) {
            return;
        }
        List<Map<String, String>> probes = LearningCurves.rows(dir.resolve(RunFiles.PROBES));
        boolean logSteps = evaluations.size() > 2 && step(evaluations.get(0)) == 0 && step(evaluations.get(1)) == 1;
        List<XYChart> panels = new ArrayList<>();
        XYChart loss = panel(run + ": evaluation loss (monitor prompts)", "eval loss", logSteps, true);
        addSeries(loss, "eval_loss", evaluations, LearningCurves.LOSS, logSteps);
        reference.ifPresent(r -> {
            double first = x(step(evaluations.get(0)), logSteps);
            double last = x(step(evaluations.get(evaluations.size() - 1)), logSteps);
            XYSeries line = loss.addSeries("theory: " + r.name(), List.of(first, last), List.of(r.value(), r.value()));
            PlotStyle.referenceLine(line, PlotStyle.color(0));
        });
        panels.add(loss);
        Map<String, List<String>> groups = probeGroups(probes);
        groups.forEach((group, columns) -> {
            boolean loops = group.equals(LOOP_LOSS);
            XYChart chart = panel(run + ": " + (loops ? "loss after each loop" : group.isEmpty() ? "reading of the model" : group),
                    loops ? "eval loss" : "reading", logSteps, loops);
            for (String column : columns) {
                XYSeries series = addSeries(chart, column, probes, column, logSteps);
                if (series != null && constant(probes, column)) {
                    // a value the reading compares with (the expected step, say): a reference, not a curve
                    PlotStyle.referenceLine(series, PlotStyle.color(chart.getSeriesMap().size() - 1));
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                panels.add(chart);
            }
        });
        panels.forEach(chart -> axes(chart, logSteps));
        new ChartGrid(panels, 2).encode().write(dir.resolve(FIGURE + ".png"));
        heatmaps(dir, parameters, tokenLabels);
    }

    /**
     * The log axes of a panel, over all its values (PlotStyle and {@link LogAxis} choose range and labels); a log
     * value axis only when its values span more than a decade, else a linear one reads better.
     */
    private static void axes(XYChart chart, boolean logSteps) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                xs.add(x);
            }
            for (double y : series.getYData()) {
                ys.add(y);
            }
        }
        if (logSteps && !xs.isEmpty()) {
            PlotStyle.logX(chart.getStyler(), xs);
        }
        if (chart.getStyler().isYAxisLogarithmic()) {
            chart.getStyler().setYAxisLogarithmic(false);
            if (PlotStyle.spansDecade(ys)) {
                PlotStyle.logY(chart.getStyler(), ys);
            }
        }
    }

    /** The probes by panel: the loss after each loop together, the rest by the prefix of their name before its first dot. */
    private static Map<String, List<String>> probeGroups(List<Map<String, String>> probes) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (probes.isEmpty()) {
            return groups;
        }
        for (String column : probes.get(0).keySet()) {
            if (column.equals("step")) {
                continue;
            }
            String group = column.startsWith(LOOP_LOSS) ? LOOP_LOSS
                    : column.contains(".") ? column.substring(0, column.indexOf('.')) : "";
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(column);
        }
        return groups;
    }

    /** An empty panel; {@code logValues} marks its value axis for a log scale, which {@link #axes} decides on. */
    private static XYChart panel(String title, String yTitle, boolean logSteps, boolean logValues) {
        XYChart chart = PlotStyle.xyChart(title, logSteps ? "training step (log scale; step 0 drawn at ½)" : "training step",
                yTitle);
        chart.getStyler().setYAxisLogarithmic(logValues);
        return chart;
    }

    /** Adds {@code column} of {@code rows} against their steps; null when no value is finite (or positive on a log axis). */
    private static XYSeries addSeries(XYChart chart, String name, List<Map<String, String>> rows, String column, boolean logSteps) {
        boolean logValues = chart.getStyler().isYAxisLogarithmic();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String cell = row.getOrDefault(column, "");
            double value = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            if (Double.isFinite(value) && (value > 0 || !logValues)) {
                xs.add(x(step(row), logSteps));
                ys.add(value);
            }
        }
        if (xs.isEmpty()) {
            return null;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        PlotStyle.mainLine(series, PlotStyle.color(chart.getSeriesMap().size() - 1));
        return series;
    }

    private static boolean constant(List<Map<String, String>> rows, String column) {
        return rows.size() > 1 && rows.stream().map(r -> r.getOrDefault(column, "")).distinct().count() == 1;
    }

    private static int step(Map<String, String> row) {
        return Integer.parseInt(row.get("step"));
    }

    private static double x(int step, boolean logSteps) {
        return logSteps && step == 0 ? STEP_ZERO_ON_LOG_AXIS : step;
    }

    /**
     * Each parameter (a row) at up to {@value #HEATMAP_STEPS} snapshot steps (columns): the first, the last, and between
     * them the snapshots that have come closest to a third and two thirds of the way, by their distance to the last
     * (an optimiser like Adam moves every entry at first, so the distance from the first would mislead).
     */
    private static void heatmaps(Path dir, List<Parameter> parameters, List<String> tokenLabels) {
        List<Integer> all = snapshotSteps(dir.resolve(RunFiles.SNAPSHOTS));
        if (all.isEmpty() || parameters.isEmpty()) {
            return;
        }
        Map<Integer, List<Parameter>> snapshots = new LinkedHashMap<>();
        for (int step : all) {
            List<Parameter> copies = parameters.stream().map(p -> new Parameter(p.name(), p.rows(), p.cols())).toList();
            ParameterFile.read(dir.resolve(RunFiles.SNAPSHOTS).resolve(RunFiles.snapshot(step)), copies);
            snapshots.put(step, copies);
        }
        List<Parameter> last = snapshots.get(all.get(all.size() - 1));
        double[] remaining = all.stream().mapToDouble(step -> distance(snapshots.get(step), last)).toArray();
        List<Integer> steps = pick(all, remaining);
        List<HeatMapChart> charts = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            int index = i;
            double largest = steps.stream().mapToDouble(step -> ParameterHeatmap.largest(snapshots.get(step).get(index)))
                    .max().orElse(1);
            for (int step : steps) {
                Parameter p = snapshots.get(step).get(index);
                charts.add(ParameterHeatmap.chart(p, tokenLabels, p.name() + " at step " + step, largest));
            }
        }
        new ChartGrid(charts, steps.size()).encode().write(dir.resolve(HEATMAPS + ".png"));
    }

    /** The Euclidean distance between two snapshots of the same parameters. */
    private static double distance(List<Parameter> a, List<Parameter> b) {
        double squared = 0;
        for (int i = 0; i < a.size(); i++) {
            double[] x = a.get(i).data();
            double[] y = b.get(i).data();
            for (int e = 0; e < x.length; e++) {
                squared += (x[e] - y[e]) * (x[e] - y[e]);
            }
        }
        return Math.sqrt(squared);
    }

    /**
     * Up to {@value #HEATMAP_STEPS} of {@code steps}: the first, the last, and between them the ones whose distance to
     * the last ({@code remaining}, by position) is closest to evenly spaced fractions of the first one's.
     */
    static List<Integer> pick(List<Integer> steps, double[] remaining) {
        TreeSet<Integer> picked = new TreeSet<>(List.of(steps.get(0), steps.get(steps.size() - 1)));
        for (int k = 1; k < HEATMAP_STEPS - 1 && steps.size() > 2; k++) {
            double target = remaining[0] * (HEATMAP_STEPS - 1 - k) / (HEATMAP_STEPS - 1);
            int best = 1;
            for (int i = 1; i < steps.size() - 1; i++) {
                best = Math.abs(remaining[i] - target) < Math.abs(remaining[best] - target) ? i : best;
            }
            picked.add(steps.get(best));
        }
        return List.copyOf(picked);
    }

    /** The steps of the snapshots in {@code folder}, in order; none without the folder. */
    static List<Integer> snapshotSteps(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        TreeSet<Integer> steps = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("step-\\d+\\.json"))
                    .forEach(n -> steps.add(Integer.parseInt(n.substring(5, n.length() - 5))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return List.copyOf(steps);
    }
}
