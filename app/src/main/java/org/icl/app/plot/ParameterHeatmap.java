package org.icl.app.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.knowm.xchart.HeatMapChart;

/** Draws a parameter matrix as a heatmap (PNG and SVG), row 0 at the top, on a symmetric blue–white–red scale. */
public final class ParameterHeatmap {

    private ParameterHeatmap() {
    }

    /**
     * Saves {@code parameter} to {@code file} and as SVG beside it; rows and columns are named by {@code tokenLabels}
     * when the matrix is token × token, else numbered.
     */
    public static void save(Parameter parameter, List<String> tokenLabels, Path file) {
        PlotStyle.save(chart(parameter, tokenLabels, parameter.name(), largest(parameter)), file);
    }

    /** The largest absolute entry of {@code parameter} (at least 1e-12), the default half-range of its colours. */
    static double largest(Parameter parameter) {
        double largest = 1e-12;
        for (double v : parameter.data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    /** The heatmap of {@code parameter} titled {@code name}, colours spread over ±{@code largest}. */
    static HeatMapChart chart(Parameter parameter, List<String> tokenLabels, String name, double largest) {
        int rows = parameter.rows();
        int cols = parameter.cols();
        double[][] values = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r][c] = parameter.get(0, r, c);
            }
        }
        // The legend prints the range as given: round it up to three significant digits.
        double range = new BigDecimal(largest).round(new MathContext(3, RoundingMode.UP)).doubleValue();
        return Heatmap.chart(name + " (" + rows + "×" + cols + ")", values, labels(rows, tokenLabels),
                labels(cols, tokenLabels), "row", "column", -range, range,
                PlotStyle.DIVERGING);
    }

    /** The token labels when there is one per index, else the indices. */
    private static List<String> labels(int count, List<String> tokenLabels) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(count == tokenLabels.size() ? tokenLabels.get(i) : Integer.toString(i));
        }
        return labels;
    }
}
