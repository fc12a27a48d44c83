package org.icl.app.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;

/** A labelled matrix drawn as a heatmap (PNG and SVG), row 0 at the top, colours spread over a given range. */
final class Heatmap {

    private Heatmap() {
    }

    /**
     * Saves {@code values} (row by row) to {@code file} and as SVG beside it; {@code colors} run from {@code min}
     * to {@code max}. Axis titles and labels name rows and columns. Returns the files written.
     */
    static List<Path> save(String title, double[][] values, List<String> rowLabels, List<String> colLabels, String rowTitle,
                           String colTitle, double min, double max, Color[] colors, Path file) {
        return PlotStyle.save(chart(title, values, rowLabels, colLabels, rowTitle, colTitle, min, max, colors), file);
    }

    /** The chart {@link #save} writes, for a figure of several panels. */
    static HeatMapChart chart(String title, double[][] values, List<String> rowLabels, List<String> colLabels, String rowTitle,
                              String colTitle, double min, double max, Color[] colors) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        // At least 320 pixels high, so that the colour legend beside a short matrix shows its whole range.
        HeatMapChart chart = PlotStyle.heatMapChart(title, colTitle, rowTitle, 220 + 26 * cols, Math.max(320, 110 + 24 * rows));
        // XChart draws y upwards; label from the bottom so the picture reads like the matrix.
        List<String> ys = new ArrayList<>();
        for (int r = rows - 1; r >= 0; r--) {
            ys.add(rowLabels.get(r));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cells.add(new Number[] {c, rows - 1 - r, values[r][c]});
            }
        }
        chart.getStyler().setRangeColors(colors);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max);
        chart.addSeries(title, colLabels, ys, cells);
        return chart;
    }
}
