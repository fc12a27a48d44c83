package org.icl.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.icl.app.run.RunResult;

/**
 * Draws each run's evaluation loss over training (from its metrics.csv) on a log scale, with a
 * dashed line at the theory value the run should reach when its task has one: where a study's runs
 * end up, and why. Each metric the tasks report (an accuracy, say) gets a chart of its own.
 */
public final class LearningCurves {

    private LearningCurves() {
    }

    /**
     * Saves the loss curves of {@code results}, whose run directories are {@code root/<name>}, to {@code file},
     * and the curves of each reported metric beside it, as {@code <file name>-<metric>.png}.
     */
    public static void save(List<RunResult> results, Path root, Path file) {
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        for (RunResult result : results) {
            rows.put(result.name(), rows(root.resolve(result.name()).resolve("metrics.csv")));
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("evaluation loss during training")
                .xAxisTitle("step").yAxisTitle("eval loss (monitor prompts)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        Color[] palette = chart.getStyler().getSeriesColors();
        int index = 0;
        for (RunResult result : results) {
            Color color = palette[index++ % palette.length];
            List<List<Double>> curve = curve(rows.get(result.name()), "eval_loss");
            if (curve.get(0).isEmpty()) {
                continue;
            }
            addCurve(chart, result.name(), curve, color);
            List<Double> ends = List.of(curve.get(0).get(0), curve.get(0).get(curve.get(0).size() - 1));
            result.theory().ifPresent(theory -> {
                XYSeries line = chart.addSeries(result.name() + ": " + theory.reference(), ends,
                        List.of(theory.referenceValue(), theory.referenceValue()));
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            });
        }
        write(chart, file);
        String stem = file.getFileName().toString().replaceFirst("\\.png$", "");
        for (String metric : RunResult.reportedByAny(results)) {
            XYChart metricChart = new XYChartBuilder().width(800).height(500).title(metric + " during training")
                    .xAxisTitle("step").yAxisTitle(metric + " (monitor prompts)").build();
            index = 0;
            for (RunResult result : results) {
                Color color = palette[index++ % palette.length];
                List<List<Double>> curve = curve(rows.get(result.name()), metric);
                if (!curve.get(0).isEmpty()) {
                    addCurve(metricChart, result.name(), curve, color);
                }
            }
            write(metricChart, file.resolveSibling(stem + "-" + metric + ".png"));
        }
    }

    /** Steps and values of the rows where {@code column} is filled. */
    private static List<List<Double>> curve(List<Map<String, String>> rows, String column) {
        List<Double> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String value = row.get(column);
            if (value != null && !value.isEmpty()) {
                steps.add(Double.parseDouble(row.get("step")));
                values.add(Double.parseDouble(value));
            }
        }
        return List.of(steps, values);
    }

    private static void addCurve(XYChart chart, String name, List<List<Double>> curve, Color color) {
        XYSeries series = chart.addSeries(name, curve.get(0), curve.get(1));
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
    }

    private static void write(XYChart chart, Path file) {
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<Map<String, String>> rows(Path csv) {
        if (!Files.exists(csv)) {
            return List.of();
        }
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
