package org.icl.app.plot;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import org.icl.api.autodiff.Parameter;

/** Draws a parameter matrix as a PNG heatmap, row 0 at the top, on a symmetric blue–white–red scale. */
public final class ParameterHeatmap {

    private ParameterHeatmap() {
    }

    /**
     * Saves {@code parameter} to {@code file}; rows and columns are named by {@code tokenLabels}
     * when the matrix is token × token, else numbered.
     */
    public static void save(Parameter parameter, List<String> tokenLabels, Path file) {
        int rows = parameter.rows();
        int cols = parameter.cols();
        HeatMapChart chart = new HeatMapChartBuilder().width(220 + 26 * cols).height(110 + 24 * rows)
                .title(parameter.name() + " (" + rows + "×" + cols + ")").xAxisTitle("column").yAxisTitle("row").build();
        double largest = 1e-12;
        for (double v : parameter.data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            xs.add(cols == tokenLabels.size() ? tokenLabels.get(c) : Integer.toString(c));
        }
        // XChart draws y upwards; label from the bottom so the picture reads like the matrix.
        for (int r = rows - 1; r >= 0; r--) {
            ys.add(rows == tokenLabels.size() ? tokenLabels.get(r) : Integer.toString(r));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cells.add(new Number[] {c, rows - 1 - r, parameter.get(0, r, c)});
            }
        }
        chart.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)});
        // The legend prints the range as given: round it up to three significant digits.
        double range = new BigDecimal(largest).round(new MathContext(3, RoundingMode.UP)).doubleValue();
        chart.getStyler().setMin(-range);
        chart.getStyler().setMax(range);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.addSeries(parameter.name(), xs, ys, cells);
        PngFile.write(chart, file);
    }
}
