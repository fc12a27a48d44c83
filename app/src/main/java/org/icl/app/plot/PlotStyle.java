package org.icl.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.icl.api.io.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one place that styles every figure: size, fonts, colours, line widths, legend, log axes (see
 * {@link LogAxis}) and the files a figure is written to (PNG and SVG side by side). Every chart is made
 * here ({@link #xyChart}, {@link #categoryChart}, {@link #heatMapChart}) and its series styled by their role
 * ({@link #mainLine}, {@link #thinLine}, {@link #referenceLine}).
 */
public final class PlotStyle {

    /** Size of line and point figures, in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Ten well-separated colours (XChart's default palette repeats hues within eight series). */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /** Heatmap colours from 0 (white) to 1 (dark blue), for shares such as attention weights. */
    public static final Color[] SEQUENTIAL = {Color.WHITE, new Color(8, 48, 107)};
    /** Heatmap colours from −r (blue) through 0 (white) to r (red), for signed values such as parameters. */
    public static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};

    private static final String FAMILY = Font.SANS_SERIF;
    private static final Font TITLE = new Font(FAMILY, Font.BOLD, 15);
    private static final Font AXIS_TITLE = new Font(FAMILY, Font.PLAIN, 14);
    private static final Font TICK_LABELS = new Font(FAMILY, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 12);
    private static final Color GRID = new Color(225, 225, 225);

    private static final float MAIN_WIDTH = 2.5f;
    private static final float THIN_WIDTH = 1.5f;
    private static final int MARKER_SIZE = 6;
    /** A log axis with more labelled decades than this draws no grid lines. */
    private static final int MAX_GRID_DECADES = 10;

    /** One figure, encoded. */
    public record Figure(byte[] png, byte[] svg) {

        /** Writes the PNG to {@code png} and the SVG beside it (same name, .svg), each atomically; returns both paths. */
        public List<Path> write(Path png) {
            Path svgFile = svgBeside(png);
            AtomicFile.write(png, png());
            AtomicFile.write(svgFile, svg());
            return List.of(png, svgFile);
        }
    }

    private PlotStyle() {
    }

    /** The colour of the {@code index}-th series (the palette repeats after ten). */
    public static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** An empty line chart in the house style, legend to the right. */
    public static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        axes(chart.getStyler());
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        return chart;
    }

    /** An empty chart of points at named categories (error bars allowed) in the house style. */
    public static CategoryChart categoryChart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        axes(chart.getStyler());
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        return chart;
    }

    /** An empty heatmap of {@code width} × {@code height} pixels in the house style, colour legend to the right, column labels turned vertical. */
    public static HeatMapChart heatMapChart(String title, String xTitle, String yTitle, int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        common(chart.getStyler());
        chart.getStyler().setAxisTitleFont(AXIS_TITLE);
        chart.getStyler().setAxisTickLabelsFont(TICK_LABELS);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(90);
        return chart;
    }

    /** The trained model's line: thick, with markers. */
    public static void mainLine(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(MAIN_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** A line to compare against (a baseline, a theory curve): thin, without markers. */
    public static void thinLine(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(THIN_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** A theory value a line should reach: thin and dashed, in the colour of its line. */
    public static void referenceLine(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(THIN_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
    }

    /** Puts the y axis on a log scale over {@code values} (all positive), labelled as {@link LogAxis} says. */
    public static void logY(AxesChartStyler styler, Collection<Double> values) {
        LogAxis axis = LogAxis.spanning(min(values), max(values), LogAxis.VERTICAL_LABELLED_DECADES);
        styler.setYAxisLogarithmic(true);
        styler.setYAxisLogarithmicDecadeOnly(axis.decadesOnly());
        styler.setYAxisMin(axis.min());
        styler.setYAxisMax(axis.max());
        styler.setYAxisDecimalPattern(axis.pattern());
        // grid lines at 2..9 times each of many decades would fill the plot grey
        styler.setPlotGridHorizontalLinesVisible(axis.labels().size() <= MAX_GRID_DECADES);
    }

    /** Puts the x axis on a log scale over {@code values} (all positive), labelled as {@link LogAxis} says. */
    public static void logX(AxesChartStyler styler, Collection<Double> values) {
        LogAxis axis = LogAxis.spanning(min(values), max(values), LogAxis.HORIZONTAL_LABELLED_DECADES);
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(axis.decadesOnly());
        styler.setXAxisMin(axis.min());
        styler.setXAxisMax(axis.max());
        styler.setXAxisDecimalPattern(axis.pattern());
        styler.setPlotGridVerticalLinesVisible(axis.labels().size() <= MAX_GRID_DECADES);
    }

    /** Whether {@code values} are all positive and finite and the largest is more than 10 times the smallest: the case for a log axis. */
    public static boolean spansDecade(Collection<Double> values) {
        if (values.isEmpty() || !values.stream().allMatch(v -> v > 0 && Double.isFinite(v))) {
            return false;
        }
        return max(values) > 10 * min(values);
    }

    /** The chart as PNG and SVG. */
    public static Figure encode(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            return new Figure(png.toByteArray(), svg(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle(), e);
        }
    }

    /** The chart as SVG only. */
    static byte[] svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return svg.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle(), e);
        }
    }

    /** Writes the chart to {@code png} and as SVG beside it; returns both paths. */
    public static List<Path> save(Chart<?, ?> chart, Path png) {
        return encode(chart).write(png);
    }

    /** The SVG file beside a PNG file: same name, extension .svg. */
    public static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        return png.resolveSibling((name.endsWith(".png") ? name.substring(0, name.length() - 4) : name) + ".svg");
    }

    private static void axes(AxesChartStyler styler) {
        common(styler);
        styler.setSeriesColors(PALETTE);
        styler.setAxisTitleFont(AXIS_TITLE);
        styler.setAxisTickLabelsFont(TICK_LABELS);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setErrorBarsColorSeriesColor(true);
        styler.setLocale(Locale.ROOT);
    }

    private static void common(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setChartFontColor(Color.BLACK);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(LEGEND);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setAntiAlias(true);
    }

    private static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
