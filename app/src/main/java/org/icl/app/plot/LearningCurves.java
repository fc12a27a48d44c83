package org.icl.app.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.knowm.xchart.XYChart;

/**
 * Draws each run's evaluation loss over training (from its metrics.csv) on a log scale, with a
 * dashed line at the theory value the run should reach when its task has one: where a study's runs
 * end up, and why. Each metric the tasks report (an accuracy, say) can be drawn the same way.
 */
public final class LearningCurves {

    /** The loss column of metrics.csv. */
    public static final String LOSS = "eval_loss";

    /** Columns of metrics.csv that every run has; any other column is a metric its task reports. */
    private static final Set<String> STANDARD_COLUMNS = Set.of("step", "train_loss", LOSS, "elapsed_seconds");

    /** One run's curve: its name, its metrics.csv, and the theory value it should reach, if its task has one. */
    public record Curve(String name, Path metricsCsv, Optional<Reference> reference) {
    }

    /** A theory value, by name. */
    public record Reference(String name, double value) {
    }

    private LearningCurves() {
    }

    /** Draws the evaluation loss of {@code curves}; empty when no run has an evaluation logged. */
    public static Optional<PlotStyle.Figure> draw(List<Curve> curves) {
        return draw(curves, LOSS);
    }

    /**
     * Draws {@code column} of the runs' metrics.csv: the loss on a log scale with the theory references dashed,
     * a reported metric on a linear scale; empty when no run has the column filled.
     */
    public static Optional<PlotStyle.Figure> draw(List<Curve> curves, String column) {
        boolean loss = column.equals(LOSS);
        XYChart chart = PlotStyle.xyChart(loss ? "evaluation loss during training" : column + " during training",
                "step", (loss ? "eval loss" : column) + " (monitor prompts)");
        List<Double> plotted = new ArrayList<>();
        int index = 0;
        for (Curve result : curves) {
            List<Double> steps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Map<String, String> row : rows(result.metricsCsv())) {
                String cell = row.get(column);
                // A diverged run's last losses may be infinite or NaN, which a log axis cannot show.
                double value = cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                if (Double.isFinite(value) && (value > 0 || !loss)) {
                    steps.add(Double.parseDouble(row.get("step")));
                    values.add(value);
                }
            }
            if (steps.isEmpty()) {
                continue;
            }
            Color color = PlotStyle.color(index++);
            PlotStyle.mainLine(chart.addSeries(result.name(), steps, values), color);
            plotted.addAll(values);
            if (loss && result.reference().isPresent()) {
                Reference reference = result.reference().get();
                PlotStyle.referenceLine(chart.addSeries(result.name() + ": " + reference.name(),
                        List.of(steps.get(0), steps.get(steps.size() - 1)), List.of(reference.value(), reference.value())), color);
                plotted.add(reference.value());
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        if (loss && plotted.stream().allMatch(v -> v > 0 && Double.isFinite(v))) {
            PlotStyle.logY(chart.getStyler(), plotted);
        }
        return Optional.of(PlotStyle.encode(chart));
    }

    /** The metrics the runs' tasks report (the non-standard columns of their metrics.csv), in the order first met. */
    public static Set<String> reportedMetrics(List<Curve> curves) {
        Set<String> names = new LinkedHashSet<>();
        for (Curve curve : curves) {
            if (!Files.exists(curve.metricsCsv())) {
                continue;
            }
            // the header line names the columns (metric names hold no commas)
            try (var reader = Files.newBufferedReader(curve.metricsCsv())) {
                String header = reader.readLine();
                for (String name : header == null ? new String[0] : header.split(",")) {
                    if (!STANDARD_COLUMNS.contains(name.trim())) {
                        names.add(name.trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + curve.metricsCsv(), e);
            }
        }
        return names;
    }

    /** The rows of a CSV file with a header, by column name; none when the file is missing. */
    static List<Map<String, String>> rows(Path csv) {
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
