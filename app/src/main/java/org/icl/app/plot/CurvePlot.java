package org.icl.app.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import org.icl.api.task.Curve;
import org.icl.app.run.RunResult;

/**
 * Draws one task curve for the trained model (bold, with markers) and each baseline (thin lines) on shared
 * axes, as PNG and SVG. The y-axis stops at three times the model's largest value, so that one baseline blowing
 * up (least squares with noise near m = d) does not flatten the rest; non-finite points are left out.
 */
public final class CurvePlot {

    private CurvePlot() {
    }

    /** Saves the curves to {@code file} and as SVG beside it; writes nothing when no curve has a finite point. */
    public static void save(String title, Map<String, Curve> series, Path file) {
        Curve first = series.values().iterator().next();
        XYChart chart = PlotStyle.xyChart(title, first.variable(), "eval loss");
        double highest = 0;
        int index = 0;
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
                index++;
                continue;
            }
            highest = Math.max(highest, y.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            XYSeries line = chart.addSeries(entry.getKey(), x, y);
            if (entry.getKey().equals(RunResult.MODEL_SERIES)) {
                PlotStyle.mainLine(line, PlotStyle.color(index++));
            } else {
                PlotStyle.thinLine(line, PlotStyle.color(index++));
            }
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
        PlotStyle.save(chart, file);
    }
}
