package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log evaluation schedule, and probes.csv: written for a task with a reading of the model, not for one without, resumed exactly. */
class ProbesTest {

    private static final String LOOP = "steps = 60, eval-every = 25, batch-size = 3, learning-rate = 0.05, eval-schedule = log";

    /** Least squares that reads the model (its first parameter entry, a text it must not log) and may crash at a step. */
    private static final class Inspected extends ResumeTest.Crashing {
        private final boolean reads;

        Inspected(boolean reads, int crashAt) {
            super(crashAt);
            this.reads = reads;
        }

        @Override
        public Map<String, Object> inspect(Model model) {
            if (!reads) {
                return Map.of();
            }
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("theta0", model.parameters().get(0).data()[0]);
            reading.put("note", "text is not a probe");
            reading.put("theta2", model.parameters().get(0).data()[2]);
            return reading;
        }
    }

    @TempDir
    Path dir;

    private static Trainer trainer(String extra) {
        return new AdamTrainerFactory().create(TrainerSettings.of("adam", LOOP + extra));
    }

    private static RunContext context(Path dir, boolean resume) {
        return new RunContext(Optional.of(dir), 9, false, "probes", 1, resume);
    }

    @Test
    void theLogScheduleEvaluatesAtOneTwoFivePerDecadeFromStepZeroAndAfterTheLast() {
        LoopSettings s = LoopSettings.from(TrainerSettings.of("adam", "steps = 3000, eval-every = 1000, eval-schedule = log"));
        List<Integer> evaluated = IntStream.rangeClosed(0, 3000).filter(s::evaluatesAt).boxed().toList();
        assertEquals(List.of(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 3000), evaluated);
        List<Integer> checkpointed = IntStream.rangeClosed(0, 3000).filter(s::checkpointsAt).boxed().toList();
        assertEquals(List.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 3000), checkpointed);
        LoopSettings interval = LoopSettings.from(TrainerSettings.of("adam", "steps = 250, eval-every = 100"));
        assertEquals(List.of(100, 200, 250), IntStream.rangeClosed(0, 250).filter(interval::evaluatesAt).boxed().toList());
    }

    @Test
    void probesAreRecordedAtEveryEvaluationWithTheirStepAndOnlyNumbers() throws IOException {
        ParameterModel model = ParameterModel.of(0.1, -0.2, 0.3);
        Inspected task = new Inspected(true, -1);
        trainer("").train(task, model, context(dir, false));
        List<String> lines = Files.readAllLines(dir.resolve(RunFiles.PROBES));
        assertEquals("step,theta0,theta2", lines.get(0));
        List<String> steps = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(List.of("0", "1", "2", "5", "10", "20", "50", "60"), steps);
        assertEquals("0,0.1,0.3", lines.get(1), "step 0 reads the model before training");
        String last = lines.get(lines.size() - 1);
        assertEquals(model.theta().data()[0], Double.parseDouble(last.split(",")[1]), 0.0, "the last row reads the trained model");
        List<String> metrics = Files.readAllLines(dir.resolve(RunFiles.METRICS));
        assertTrue(metrics.get(1).startsWith("0,,"), "metrics.csv starts with step 0, without a training loss: " + metrics.get(1));
        assertEquals(61 + 1, metrics.size());
        assertEquals(8, task.evaluations.size());
        for (String step : steps) {
            assertTrue(Files.exists(dir.resolve(RunFiles.SNAPSHOTS).resolve(RunFiles.snapshot(Integer.parseInt(step)))), step);
        }
    }

    @Test
    void aTaskWithoutAReadingWritesNoProbesFile() throws IOException {
        Files.writeString(dir.resolve(RunFiles.PROBES), "left from an earlier run\n");
        trainer("").train(new Inspected(false, -1), ParameterModel.of(0.1, -0.2, 0.3), context(dir, false));
        assertFalse(Files.exists(dir.resolve(RunFiles.PROBES)));
        assertTrue(Files.exists(dir.resolve(RunFiles.METRICS)));
    }

    @Test
    void probesOffWritesNoProbesFileAndTrainsTheSame() {
        Path on = dir.resolve("on");
        Path off = dir.resolve("off");
        ParameterModel a = ParameterModel.of(0.1, -0.2, 0.3);
        ParameterModel b = ParameterModel.of(0.1, -0.2, 0.3);
        trainer("").train(new Inspected(true, -1), a, context(mkdir(on), false));
        trainer(", probes = false").train(new Inspected(true, -1), b, context(mkdir(off), false));
        assertTrue(Files.exists(on.resolve(RunFiles.PROBES)));
        assertFalse(Files.exists(off.resolve(RunFiles.PROBES)));
        assertFalse(Files.exists(off.resolve(RunFiles.SNAPSHOTS)));
        assertEquals(List.of(a.theta().data()[0], a.theta().data()[1]), List.of(b.theta().data()[0], b.theta().data()[1]));
    }

    @Test
    void aResumedRunWritesTheSameProbesAndMetricsAsAnUninterruptedOne() throws IOException {
        Path whole = mkdir(dir.resolve("whole"));
        trainer("").train(new Inspected(true, -1), ParameterModel.of(0.1, -0.2, 0.3), context(whole, false));
        Path broken = mkdir(dir.resolve("broken"));
        // Checkpoints at 1, 2, 5, 10, 20, 25, 50: killed at 57, the run resumes from 50, whose probes row is kept.
        assertThrows(IllegalStateException.class,
                () -> trainer("").train(new Inspected(true, 57), ParameterModel.of(0.1, -0.2, 0.3), context(broken, false)));
        assertEquals(50, CheckpointFile.read(broken.resolve(RunFiles.CHECKPOINT)).step());
        Inspected resumed = new Inspected(true, -1);
        trainer("").train(resumed, ParameterModel.of(5, 5, 5), context(broken, true));
        assertEquals(10, resumed.trainingLosses.size(), "only steps 51..60 were trained again");
        assertEquals(Files.readString(whole.resolve(RunFiles.PROBES)), Files.readString(broken.resolve(RunFiles.PROBES)));
        assertEquals(withoutTimes(whole), withoutTimes(broken));
    }

    @Test
    void aModelThatLoopsAddsTheLossAfterEachLoop() {
        Inspected task = new Inspected(true, -1);
        double[] optimum = task.optimum();
        Model looped = new Model() {
            private final ParameterModel full = ParameterModel.of(optimum[0] + 3, optimum[1], optimum[2]);

            @Override
            public Tensor forward(Tape tape, Tensor input, int firstOutput) {
                return full.forward(tape, input, firstOutput);
            }

            @Override
            public int layerApplications() {
                return 3;
            }

            @Override
            public Optional<Model> stoppedAfter(int loops) {
                // after loop l the first entry is 3 + (3 - l) away from its optimum
                return Optional.of(ParameterModel.of(optimum[0] + 6 - loops, optimum[1], optimum[2]));
            }

            @Override
            public List<org.icl.api.autodiff.Parameter> parameters() {
                return full.parameters();
            }
        };
        Map<String, Double> reading = ProbeReading.of(task, looped, 1, 3.0);
        assertEquals(List.of("theta0", "theta2", "loss_after_loop_1", "loss_after_loop_2", "loss_after_loop_3"),
                List.copyOf(reading.keySet()));
        assertEquals(5.0, reading.get("loss_after_loop_1"), 1e-12);
        assertEquals(4.0, reading.get("loss_after_loop_2"), 1e-12);
        assertEquals(3.0, reading.get("loss_after_loop_3"), 0.0, "the last loop's loss is the evaluation's");
    }

    /** metrics.csv without its last column, the wall time. */
    private static List<String> withoutTimes(Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunFiles.METRICS))) {
            rows.add(line.substring(0, line.lastIndexOf(',')));
        }
        return rows;
    }

    private static Path mkdir(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
