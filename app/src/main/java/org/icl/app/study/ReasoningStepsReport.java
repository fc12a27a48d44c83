package org.icl.app.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.app.plot.PlotStyle;
import org.icl.app.plot.StudyPlot;
import org.icl.app.run.RunExecutor;
import org.icl.app.run.RunPlan;
import org.icl.trainers.loop.RunFiles;

/**
 * The long table and figure of evaluation loss against reasoning steps (CoT steps times loops, the
 * {@code metrics.reasoning_steps} of result.json): one row per trial and evaluation (the trained settings,
 * then each {@code evaluate-also} entry), with the steps trained and evaluated, then the task's baselines
 * of the first complete trial. The figure draws one line per method and evaluation (a method being the
 * values of the study's {@code report.methods} keys) and the task's iteration theory (each run's
 * {@code iteration-theory.csv}) dashed.
 */
final class ReasoningStepsReport {

    static final String FILE = "evaluations.csv";
    static final String FIGURE = "reasoning-steps";
    static final String TRAINED = "trained";
    static final List<String> COLUMNS = List.of("trial", "method", "seed", "evaluation", "steps_trained", "steps_evaluated",
            "eval_loss", "reference", "reference_value");

    private static final String STEPS = "metrics." + RunExecutor.REASONING_STEPS;
    private static final String ALSO = RunPlan.EVALUATE_ALSO.replace('-', '_') + ".";

    private ReasoningStepsReport() {
    }

    /** The long table of {@code records}' complete trials, methods named by the values of {@code methods}. */
    static Table table(List<TrialRecord> records, List<String> methods) {
        Map<String, Map<String, Double>> theory = iterationTheory(records);
        List<Map<String, String>> rows = new ArrayList<>();
        Optional<TrialRecord> first = Optional.empty();
        for (TrialRecord r : records) {
            if (r.directory().isEmpty() || !r.values().containsKey(STEPS)) {
                continue;
            }
            first = first.or(() -> Optional.of(r));
            String method = method(r.directory().get(), methods);
            String trained = r.values().get(STEPS);
            rows.add(row(r, method, TRAINED, trained, ""));
            for (String name : alsoEvaluated(r)) {
                rows.add(row(r, method, name, trained, ALSO + name + "."));
            }
        }
        // each method's rows together, by steps trained (a stable sort keeps each trial's evaluations in order)
        List<String> order = rows.stream().map(row -> row.get("method")).distinct().toList();
        rows.sort(Comparator.comparingInt((Map<String, String> row) -> order.indexOf(row.get("method")))
                .thenComparingDouble(row -> Double.parseDouble(row.get("steps_trained"))));
        first.ifPresent(r -> r.values().forEach((key, value) -> {
            if (key.startsWith("baselines.") && key.endsWith(".eval_loss")) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("method", "baseline");
                row.put("evaluation", key.substring("baselines.".length(), key.length() - ".eval_loss".length()));
                row.put("eval_loss", value);
                rows.add(row);
            }
        }));
        // the iteration theory at each row's steps: the GD reference for CoT steps and loops alike
        List<String> columns = new ArrayList<>(COLUMNS);
        theory.forEach((name, curve) -> {
            columns.add(name);
            rows.forEach(row -> {
                String steps = row.getOrDefault("steps_evaluated", "");
                Double value = steps.isEmpty() ? null : curve.get(integer(steps));
                row.put(name, value == null ? "" : Double.toString(value));
            });
        });
        return Table.of(columns, rows);
    }

    /** Writes the table as {@value #FILE} and the figure under figures/; returns the figure for report.html. */
    static StudyReport.Figure write(Table table, List<TrialRecord> records, Path out) {
        table.writeCsv(out.resolve(FILE));
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            if (!table.cell(r, "steps_evaluated").isEmpty()) {
                String evaluation = table.cell(r, "evaluation");
                lines.computeIfAbsent(table.cell(r, "method") + (evaluation.equals(TRAINED) ? "" : " (" + evaluation + ")"),
                        k -> new ArrayList<>()).add(r);
            }
        }
        List<StudyPlot.Series> series = new ArrayList<>();
        lines.forEach((name, members) -> {
            members.sort(Comparator.comparingDouble(r -> Double.parseDouble(table.cell(r, "steps_evaluated"))));
            List<String> xs = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            List<Double> none = new ArrayList<>();
            for (int r : members) {
                xs.add(table.cell(r, "steps_evaluated"));
                String loss = table.cell(r, "eval_loss");
                losses.add(loss.isEmpty() ? null : Double.parseDouble(loss));
                none.add(null);
            }
            series.add(new StudyPlot.Series(name, xs, losses, none, none, ""));
        });
        iterationTheory(records).forEach((name, curve) -> {
            List<Double> none = new ArrayList<>();
            curve.values().forEach(v -> none.add(null));
            series.add(new StudyPlot.Series("theory", new ArrayList<>(curve.keySet()), none, none,
                    new ArrayList<>(curve.values()), name));
        });
        PlotStyle.Figure figure = StudyPlot.draw("evaluation loss against reasoning steps (CoT steps x loops)",
                "reasoning steps", "metrics.eval_loss", true, series);
        figure.write(out.resolve("figures").resolve(FIGURE + ".png"));
        return new StudyReport.Figure("Evaluation loss against reasoning steps (CoT steps times loops), one line per method "
                + "and evaluation (" + FILE + "); dashed: the task's iteration theory (figures/" + FIGURE + ".png, .svg).",
                figure);
    }

    /** Prints the table, one line per row. */
    static void print(Table table, PrintWriter out) {
        List<String> theory = table.columns().subList(COLUMNS.size(), table.columns().size());
        List<TextTable.Column> columns = new ArrayList<>(List.of(TextTable.Column.text("trial"), TextTable.Column.text("method"),
                TextTable.Column.text("evaluation"), TextTable.Column.number("trained"), TextTable.Column.number("evaluated"),
                TextTable.Column.number("eval loss")));
        theory.forEach(name -> columns.add(TextTable.Column.number(name)));
        columns.add(TextTable.Column.text("reference"));
        TextTable text = new TextTable(columns);
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = new ArrayList<>();
            for (String name : List.of("trial", "method", "evaluation", "steps_trained", "steps_evaluated", "eval_loss")) {
                cells.add(ReadableNumber.cell(table.cell(r, name)));
            }
            for (String name : theory) {
                cells.add(ReadableNumber.cell(table.cell(r, name)));
            }
            String reference = table.cell(r, "reference");
            cells.add(reference.isEmpty() ? "" : reference + " " + ReadableNumber.cell(table.cell(r, "reference_value")));
            text.row(cells);
        }
        text.print(out);
    }

    private static Map<String, String> row(TrialRecord r, String method, String evaluation, String trained, String prefix) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("trial", r.entry().name());
        row.put("method", method);
        row.put("seed", Long.toString(r.entry().seed()));
        row.put("evaluation", evaluation);
        row.put("steps_trained", trained);
        row.put("steps_evaluated", r.values().getOrDefault(prefix + STEPS, ""));
        row.put("eval_loss", r.values().getOrDefault(prefix + (prefix.isEmpty() ? "metrics.eval_loss" : "eval_loss"), ""));
        String reference = r.values().getOrDefault(prefix + "theory.reference", "");
        row.put("reference", reference);
        row.put("reference_value", r.values().getOrDefault(prefix + "theory." + reference, ""));
        return row;
    }

    /** The names of a trial's evaluate-also entries, in the order of its result.json. */
    private static List<String> alsoEvaluated(TrialRecord r) {
        List<String> names = new ArrayList<>();
        for (String key : r.values().keySet()) {
            if (key.startsWith(ALSO) && key.endsWith("." + STEPS)) {
                names.add(key.substring(ALSO.length(), key.length() - STEPS.length() - 1));
            }
        }
        return names;
    }

    /** The values of {@code keys} in a trial's config.conf, e.g. "cot=true type=looped". */
    private static String method(Path trial, List<String> keys) {
        Config config = ConfigFactory.parseFile(trial.resolve(RunFiles.CONFIG).toFile());
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            String value = config.hasPath(key) ? String.valueOf(config.getValue(key).unwrapped()) : "-";
            parts.add(key.substring(key.lastIndexOf('.') + 1) + "=" + value);
        }
        return String.join(" ", parts);
    }

    /** The longest iteration-theory.csv among the trials: curve name → (steps → value). */
    private static Map<String, Map<String, Double>> iterationTheory(List<TrialRecord> records) {
        List<String> longest = List.of();
        for (TrialRecord r : records) {
            Path file = r.directory().map(d -> d.resolve(RunExecutor.ITERATION_THEORY + ".csv")).orElse(null);
            if (file != null && Files.isRegularFile(file)) {
                try {
                    List<String> lines = Files.readAllLines(file);
                    if (lines.size() > longest.size()) {
                        longest = lines;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        Map<String, Map<String, Double>> curves = new LinkedHashMap<>();
        if (longest.isEmpty()) {
            return curves;
        }
        String[] header = longest.get(0).split(",");
        for (String line : longest.subList(1, longest.size())) {
            String[] cells = line.split(",", -1);
            for (int c = 1; c < header.length; c++) {
                if (c < cells.length && !cells[c].isEmpty()) {
                    curves.computeIfAbsent(header[c], k -> new LinkedHashMap<>()).put(integer(cells[0]), Double.parseDouble(cells[c]));
                }
            }
        }
        return curves;
    }

    /** A whole number written without a fraction ("10.0" → "10"), so that steps match across files. */
    private static String integer(String number) {
        double value = Double.parseDouble(number);
        return value == Math.rint(value) ? Long.toString((long) value) : number;
    }
}
