package org.icl.app.plot;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A study's figure: a metric's mean over seeds against a swept key, one line per combination of the
 * other swept values, with the 95% interval as error bars and the theory reference as a dashed line of
 * the same colour. Axes turn logarithmic when their values are positive and span more than a factor 10.
 */
public final class StudyPlot {

    /** One line: at each x (a label; a number when the x axis is numeric), the mean, the interval's half width and the theory value (entries may be null). */
    public record Series(String name, List<String> x, List<Double> mean, List<Double> halfWidth, List<Double> theory,
                         String theoryName) {
    }

    private StudyPlot() {
    }

    /** Draws {@code series} as PNG and SVG; {@code numericX} puts x on a number line, else each x label is a category. */
    public static PlotStyle.Figure draw(String title, String xTitle, String yTitle, boolean numericX, List<Series> series) {
        List<Double> ys = new ArrayList<>();
        for (Series s : series) {
            s.mean().stream().filter(v -> v != null).forEach(ys::add);
            s.theory().stream().filter(v -> v != null).forEach(ys::add);
        }
        boolean logY = PlotStyle.spansDecade(ys);
        return PlotStyle.encode(numericX ? numeric(title, xTitle, yTitle, series, logY, ys)
                : categorical(title, xTitle, yTitle, series, logY, ys));
    }

    private static XYChart numeric(String title, String xTitle, String yTitle, List<Series> series, boolean logY, List<Double> ys) {
        XYChart chart = PlotStyle.xyChart(title, xTitle, yTitle);
        List<Double> xs = new ArrayList<>();
        series.forEach(s -> s.x().forEach(x -> xs.add(Double.parseDouble(x))));
        if (logY) {
            PlotStyle.logY(chart.getStyler(), ys);
        }
        if (PlotStyle.spansDecade(xs)) {
            PlotStyle.logX(chart.getStyler(), xs);
        }
        int index = 0;
        for (Series s : series) {
            var color = PlotStyle.color(index++);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            List<Double> tx = new ArrayList<>();
            List<Double> ty = new ArrayList<>();
            boolean bars = false;
            boolean barsFit = true;
            for (int i = 0; i < s.x().size(); i++) {
                double xi = Double.parseDouble(s.x().get(i));
                if (s.mean().get(i) != null) {
                    double half = s.halfWidth().get(i) == null ? 0 : s.halfWidth().get(i);
                    x.add(xi);
                    y.add(s.mean().get(i));
                    err.add(half);
                    bars |= half > 0;
                    barsFit &= !logY || s.mean().get(i) - half > 0;
                }
                if (s.theory().get(i) != null) {
                    tx.add(xi);
                    ty.add(s.theory().get(i));
                }
            }
            if (!x.isEmpty()) {
                String name = s.name().isEmpty() ? yTitle : s.name();
                XYSeries line = bars && barsFit ? chart.addSeries(name, x, y, err) : chart.addSeries(name, x, y);
                PlotStyle.mainLine(line, color);
            }
            if (!tx.isEmpty()) {
                PlotStyle.referenceLine(chart.addSeries(s.name().isEmpty() ? s.theoryName() : s.name() + ": " + s.theoryName(),
                        tx, ty), color);
            }
        }
        return chart;
    }

    private static CategoryChart categorical(String title, String xTitle, String yTitle, List<Series> series, boolean logY,
                                             List<Double> ys) {
        CategoryChart chart = PlotStyle.categoryChart(title, xTitle, yTitle);
        if (logY) {
            PlotStyle.logY(chart.getStyler(), ys);
        }
        for (Series s : series) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            List<String> tx = new ArrayList<>();
            List<Double> ty = new ArrayList<>();
            for (int i = 0; i < s.x().size(); i++) {
                if (s.mean().get(i) != null) {
                    x.add(s.x().get(i));
                    y.add(s.mean().get(i));
                    err.add(s.halfWidth().get(i) == null ? 0.0 : s.halfWidth().get(i));
                }
                if (s.theory().get(i) != null) {
                    tx.add(s.x().get(i));
                    ty.add(s.theory().get(i));
                }
            }
            if (!x.isEmpty()) {
                CategorySeries points = chart.addSeries(s.name().isEmpty() ? yTitle : s.name(), x, y, err);
                points.setMarker(SeriesMarkers.CIRCLE);
            }
            if (!tx.isEmpty()) {
                CategorySeries theory = chart.addSeries(s.name().isEmpty() ? s.theoryName() : s.name() + ": " + s.theoryName(), tx, ty);
                theory.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        return chart;
    }
}
