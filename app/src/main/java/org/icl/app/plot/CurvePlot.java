package org.icl.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.icl.api.task.Curve;
import org.icl.app.run.RunResult;

/**
 * Draws one task curve for the trained model (bold, with markers) and each baseline (thin lines) on shared
 * axes. The y-axis stops at three times the model's largest value, so that one baseline blowing up (least
 * squares with noise near m = d) does not flatten the rest; non-finite points are left out.
 */
public final class CurvePlot {

    /** Ten well-separated colours: the default palette repeats hues within eight series. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private CurvePlot() {
    }

    public static void save(String title, Map<String, Curve> series, Path file) {
        Curve first = series.values().iterator().next();
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle(first.variable()).yAxisTitle("eval loss").build();
        chart.getStyler().setSeriesColors(PALETTE);
        double highest = 0;
        for (Map.Entry<String, Curve> entry : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            Curve curve = entry.getValue();
            for (int i = 0; i < curve.x().size(); i++) {
                if (Double.isFinite(curve.y().get(i))) {
                    x.add(curve.x().get(i));
                    y.add(curve.y().get(i));
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            highest = Math.max(highest, y.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            XYSeries line = chart.addSeries(entry.getKey(), x, y);
            boolean model = entry.getKey().equals(RunResult.MODEL_SERIES);
            line.setMarker(model ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setLineStyle(new BasicStroke(model ? 3f : 1.5f));
        }
        Curve model = series.get(RunResult.MODEL_SERIES);
        if (model != null) {
            double cap = 3 * model.y().stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(0);
            if (cap > 0 && highest > cap) {
                chart.getStyler().setYAxisMax(cap);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        PngFile.write(chart, file);
    }
}
