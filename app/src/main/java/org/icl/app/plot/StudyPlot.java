package org.icl.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
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

    /** The figure as PNG and SVG. */
    public record Figure(byte[] png, byte[] svg) {
    }

    private StudyPlot() {
    }

    /** Draws {@code series}; {@code numericX} puts x on a number line, else each x label is a category. */
    public static Figure draw(String title, String xTitle, String yTitle, boolean numericX, List<Series> series) {
        List<Double> ys = new ArrayList<>();
        for (Series s : series) {
            s.mean().stream().filter(v -> v != null).forEach(ys::add);
            s.theory().stream().filter(v -> v != null).forEach(ys::add);
        }
        boolean logY = spansDecade(ys);
        Chart<?, ?> chart = numericX ? numeric(title, xTitle, yTitle, series, logY) : categorical(title, xTitle, yTitle, series, logY);
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new Figure(png.toByteArray(), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + title, e);
        }
    }

    private static XYChart numeric(String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        List<Double> xs = new ArrayList<>();
        series.forEach(s -> s.x().forEach(x -> xs.add(Double.parseDouble(x))));
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisLogarithmic(spansDecade(xs));
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        Color[] palette = chart.getStyler().getSeriesColors();
        int index = 0;
        for (Series s : series) {
            Color color = palette[index++ % palette.length];
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
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setLineColor(color);
                line.setMarkerColor(color);
            }
            if (!tx.isEmpty()) {
                XYSeries theory = chart.addSeries(s.name().isEmpty() ? s.theoryName() : s.name() + ": " + s.theoryName(), tx, ty);
                theory.setMarker(SeriesMarkers.NONE);
                theory.setLineColor(color);
                theory.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }

    private static CategoryChart categorical(String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
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

    /** Whether all values are positive and the largest is more than 10 times the smallest. */
    private static boolean spansDecade(List<Double> values) {
        if (values.isEmpty()) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!(v > 0) || Double.isInfinite(v)) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 10 * min;
    }
}
