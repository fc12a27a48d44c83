package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.train.RunContext;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the files a run leaves in its directory: metrics.csv (one row per step) and the parameters.json checkpoint. */
class RunFilesTest {

    private static final String HEADER = "step,train_loss,eval_loss,elapsed_seconds";

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(HEADER, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(4, cells.length, "cells of row '" + line + "'");
            rows.add(cells);
        }
        return rows;
    }

    private static LeastSquaresTask train(Path dir, int steps, int evalEvery, ParameterModel model) {
        LeastSquaresTask task = new LeastSquaresTask(3, 50, 8);
        new AdamTrainerFactory().create(TrainerSettings.of("adam",
                        "steps = " + steps + ", eval-every = " + evalEvery + ", batch-size = 4, learning-rate = 0.05"))
                .train(task, model, new RunContext(Optional.of(dir), 5, false, "files"));
        return task;
    }

    @ParameterizedTest(name = "steps={0}, eval-every={1}")
    @CsvSource({"7, 3", "9, 3", "5, 0", "4, 10", "6, 1"})
    void metricsHaveOneRowPerStepAndEvalLossAtMultiplesAndTheEnd(int steps, int evalEvery, @TempDir Path dir)
            throws IOException {
        LeastSquaresTask task = train(dir, steps, evalEvery, new ParameterModel(3));

        List<String[]> rows = rows(dir.resolve("metrics.csv"));
        assertEquals(steps, rows.size());
        List<Integer> expectedEvalSteps = new ArrayList<>();
        double previousElapsed = 0;
        for (int i = 0; i < steps; i++) {
            String[] row = rows.get(i);
            int step = i + 1;
            assertEquals(Integer.toString(step), row[0]);
            // The logged loss is the value the task returned on that step, to the last bit.
            assertEquals(task.trainingLosses.get(i), Double.parseDouble(row[1]), 0.0, "train_loss at step " + step);
            boolean evaluated = step == steps || (evalEvery > 0 && step % evalEvery == 0);
            if (evaluated) {
                expectedEvalSteps.add(step);
                assertFalse(row[2].isEmpty(), "eval_loss missing at step " + step);
                double logged = Double.parseDouble(row[2]);
                double[] returned = task.evaluations.get(expectedEvalSteps.size() - 1);
                assertEquals(step, (int) returned[0], "evaluation followed step");
                assertEquals(returned[1], logged, 0.0, "eval_loss at step " + step);
            } else {
                assertEquals("", row[2], "eval_loss must be an empty cell at step " + step);
            }
            double elapsed = Double.parseDouble(row[3]);
            assertTrue(elapsed >= previousElapsed, "elapsed_seconds decreases at step " + step);
            previousElapsed = elapsed;
        }
        assertEquals(expectedEvalSteps.size(), task.evaluations.size(), "evaluations run by the trainer");
    }

    @Test
    void parametersJsonHoldsTheFinalParametersAndReadsBack(@TempDir Path dir) throws IOException {
        ParameterModel model = new ParameterModel(3, 2);
        model.parameters().get(1).data()[1] = -0.125; // the second parameter has no gradient and stays put
        train(dir, 8, 3, model);

        Path json = dir.resolve("parameters.json");
        assertTrue(Files.isRegularFile(json));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "temporary file left behind");
        }

        List<Parameter> fresh = List.of(new Parameter("theta0", 3, 1), new Parameter("theta1", 2, 1));
        ParameterFile.read(json, fresh);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(model.parameters().get(k).data(), fresh.get(k).data(), 0.0, "parameter " + k);
        }
        assertEquals(-0.125, fresh.get(1).data()[1], 0.0);
    }

    @Test
    void parameterFileRoundTripsExactValues(@TempDir Path dir) {
        Parameter a = new Parameter("V", 2, 3);
        double[] values = {Math.PI, -1e-300, 1e300, 0.1, -0.0, Double.MIN_VALUE};
        System.arraycopy(values, 0, a.data(), 0, values.length);
        Path json = dir.resolve("p.json");
        ParameterFile.write(json, List.of(a), "r", 1);
        ParameterFile.write(json, List.of(a), "r", 2); // overwriting an existing checkpoint works too

        Parameter b = new Parameter("V", 2, 3);
        ParameterFile.read(json, List.of(b));
        assertArrayEquals(values, b.data(), 0.0);
    }

    @Test
    void readingIntoMismatchedParametersFailsNamingThem(@TempDir Path dir) {
        Path json = dir.resolve("p.json");
        ParameterFile.write(json, List.of(new Parameter("V", 2, 2)), "r", 1);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ParameterFile.read(json, List.of(new Parameter("V", 3, 2))));
        assertTrue(shape.getMessage().contains("'V'"), shape.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> ParameterFile.read(json, List.of(new Parameter("W", 2, 2))));
        assertTrue(name.getMessage().contains("'W'"), name.getMessage());
    }

    @Test
    void anInMemoryRunWritesNoFiles() throws IOException {
        // A run without a directory must not fall back to relative paths: the working directory is unchanged.
        Path workingDirectory = Path.of("").toAbsolutePath();
        List<String> before = listing(workingDirectory);
        LeastSquaresTask task = new LeastSquaresTask(3, 50, 8);
        new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 3, eval-every = 1, batch-size = 4"))
                .train(task, new ParameterModel(3), RunContext.inMemory(5));
        assertEquals(3, task.evaluations.size());
        assertEquals(before, listing(workingDirectory));
    }

    @Test
    void parameterFileNamesItsRunConfigAndStep(@TempDir Path dir) throws IOException {
        train(dir, 6, 4, new ParameterModel(3));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(RunFiles.PARAMETERS).toFile());
        assertEquals("files", json.get("run").asText());
        assertEquals(RunFiles.CONFIG, json.get("config").asText());
        assertEquals(6, json.get("step").asInt());
        assertEquals(3, json.at("/parameters/theta0/rows").asInt());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
