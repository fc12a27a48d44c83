package org.icl.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * Draws each run's evaluation loss over training (from its metrics.csv) on a log scale, with a
 * dashed line at the theory value the run should reach: where a study's runs end up, and why.
 */
public final class LearningCurves {

    /** One run's curve: its name, its metrics.csv, and the theory value (named {@code reference}) it should reach. */
    public record Curve(String name, Path metricsCsv, String reference, double referenceValue) {
    }

    private LearningCurves() {
    }

    /** Draws {@code curves} as a PNG; empty when no run has an evaluation logged. */
    public static java.util.Optional<byte[]> draw(List<Curve> curves) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("evaluation loss during training")
                .xAxisTitle("step").yAxisTitle("eval loss (monitor prompts)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        Color[] palette = chart.getStyler().getSeriesColors();
        int index = 0;
        for (Curve result : curves) {
            List<Double> steps = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (Map<String, String> row : rows(result.metricsCsv())) {
                String eval = row.get("eval_loss");
                // A diverged run's last losses may be infinite or NaN, which a log axis cannot show.
                double loss = eval == null || eval.isEmpty() ? Double.NaN : Double.parseDouble(eval);
                if (Double.isFinite(loss) && loss > 0) {
                    steps.add(Double.parseDouble(row.get("step")));
                    losses.add(loss);
                }
            }
            if (steps.isEmpty()) {
                continue;
            }
            Color color = palette[index++ % palette.length];
            XYSeries curve = chart.addSeries(result.name(), steps, losses);
            curve.setMarker(SeriesMarkers.CIRCLE);
            curve.setLineColor(color);
            curve.setMarkerColor(color);
            XYSeries theory = chart.addSeries(result.name() + ": " + result.reference(),
                    List.of(steps.get(0), steps.get(steps.size() - 1)),
                    List.of(result.referenceValue(), result.referenceValue()));
            theory.setMarker(SeriesMarkers.NONE);
            theory.setLineColor(color);
            theory.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the learning curves", e);
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
