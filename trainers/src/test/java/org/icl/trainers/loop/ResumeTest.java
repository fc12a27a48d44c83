package org.icl.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidInputException;
import org.icl.api.model.Model;
import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.AdamTrainerFactory;
import org.icl.trainers.SgdTrainerFactory;
import org.icl.trainers.testing.FakeTask;
import org.icl.trainers.testing.LeastSquaresTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run interrupted after a checkpoint and resumed ends exactly as one that was never interrupted. */
class ResumeTest {

    private static final String LOOP = "steps = 60, eval-every = 20, batch-size = 3, learning-rate = 0.05, clip-norm = 1";

    /** Least squares whose training step {@code crashAt} throws, as a process killed mid-run would stop. */
    static class Crashing extends FakeTask {
        private final LeastSquaresTask inner = new LeastSquaresTask(3, 40, 7);
        private final int crashAt;

        Crashing(int crashAt) {
            this.crashAt = crashAt;
        }

        @Override
        protected Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize) {
            if (trainingLosses.size() + 1 == crashAt) {
                throw new IllegalStateException("killed at step " + crashAt);
            }
            return inner.trainingLoss(tape, model, random, batchSize);
        }

        @Override
        public double[] optimum() {
            return inner.optimum();
        }
    }

    @TempDir
    Path dir;

    private static Trainer trainer(String type) {
        return type.equals("adam")
                ? new AdamTrainerFactory().create(TrainerSettings.of("adam", LOOP + ", warmup-steps = 30"))
                : new SgdTrainerFactory().create(TrainerSettings.of("sgd", LOOP + ", momentum = 0.7"));
    }

    private static RunContext context(Path dir, boolean resume) {
        return new RunContext(Optional.of(dir), 9, false, "resume", 1, resume);
    }

    /** A model whose start is not the trained one, so that only the checkpoint can bring the parameters back. */
    private static ParameterModel freshModel() {
        return ParameterModel.of(0.1, -0.2, 0.3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void resumedRunEqualsUninterruptedRunBitForBit(String type) throws IOException {
        Path whole = Files.createDirectory(dir.resolve("whole"));
        ParameterModel reference = freshModel();
        TrainingSummary expected = trainer(type).train(new Crashing(-1), reference, context(whole, false));

        Path broken = Files.createDirectory(dir.resolve("broken"));
        assertThrows(IllegalStateException.class, () -> trainer(type).train(new Crashing(47), freshModel(), context(broken, false)));
        assertEquals(40, CheckpointFile.read(broken.resolve(RunFiles.CHECKPOINT)).step());
        assertEquals(47, Files.readAllLines(broken.resolve(RunFiles.METRICS)).size(), "header and steps 1..46 were logged");

        ParameterModel resumed = ParameterModel.of(5, 5, 5);
        Crashing task = new Crashing(-1);
        TrainingSummary summary = trainer(type).train(task, resumed, context(broken, true));

        assertEquals(20, task.trainingLosses.size(), "only steps 41..60 were trained again");
        assertArrayEquals(reference.theta().data(), resumed.theta().data(), 0.0);
        assertEquals(expected.finalTrainLoss(), summary.finalTrainLoss(), 0.0);
        assertEquals(expected.steps(), summary.steps());
        assertEquals(column(whole, 1), column(broken, 1), "train_loss of every step, steps 41..46 once");
        assertEquals(column(whole, 2), column(broken, 2), "eval_loss");
        assertEquals(Files.readString(whole.resolve(RunFiles.PARAMETERS)), Files.readString(broken.resolve(RunFiles.PARAMETERS)));
    }

    @Test
    void resumingWithoutACheckpointStartsFromTheBeginning() {
        ParameterModel reference = freshModel();
        trainer("adam").train(new Crashing(-1), reference, RunContext.inMemory(9));
        ParameterModel resumed = freshModel();
        trainer("adam").train(new Crashing(-1), resumed, context(dir, true));
        assertArrayEquals(reference.theta().data(), resumed.theta().data(), 0.0);
    }

    @Test
    void resumingACompletedRunTrainsNothingAndReportsTheSameSummary() {
        ParameterModel model = freshModel();
        TrainingSummary first = trainer("adam").train(new Crashing(-1), model, context(dir, false));
        ParameterModel again = ParameterModel.of(1, 1, 1);
        Crashing task = new Crashing(-1);
        TrainingSummary second = trainer("adam").train(task, again, context(dir, true));
        assertTrue(task.trainingLosses.isEmpty());
        assertArrayEquals(model.theta().data(), again.theta().data(), 0.0);
        assertEquals(first.finalTrainLoss(), second.finalTrainLoss(), 0.0);
        assertEquals(first.steps(), second.steps());
    }

    @Test
    void aDamagedCheckpointIsRefused() throws IOException {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        Path file = dir.resolve(RunFiles.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> trainer("adam").train(new Crashing(-1), freshModel(), context(dir, true)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aTruncatedCheckpointIsRefused() throws IOException {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        Path file = dir.resolve(RunFiles.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aFileThatIsNotACheckpointIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve(RunFiles.CHECKPOINT), "{\"step\": 3}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("checkpoint " + file), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherVersionIsRefusedNamingBothVersions() throws IOException {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        Path file = dir.resolve(RunFiles.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(file);
        // The version is the int after the UTF-8 format name (2-byte length + 14 bytes).
        bytes[2 + CheckpointFile.FORMAT.length() + 3] = 3;
        Files.write(file, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> trainer("adam").train(new Crashing(-1), new ParameterModel(3, 2), context(dir, true)));
        assertTrue(e.getMessage().contains("theta1") && e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherOptimiserIsRefused() {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> trainer("sgd").train(new Crashing(-1), freshModel(), context(dir, true)));
        assertTrue(e.getMessage().contains("velocity/theta0"), e.getMessage());
    }

    @Test
    void aCheckpointBeyondTheRunsStepsIsRefused() {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        Trainer shorter = new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 30, eval-every = 10"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> shorter.train(new Crashing(-1), freshModel(), context(dir, true)));
        assertTrue(e.getMessage().contains("step 60") && e.getMessage().contains("30 steps"), e.getMessage());
    }

    @Test
    void aMissingMetricsFileIsRefused() throws IOException {
        trainer("adam").train(new Crashing(-1), freshModel(), context(dir, false));
        Files.delete(dir.resolve(RunFiles.METRICS));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> trainer("adam").train(new Crashing(-1), freshModel(), context(dir, true)));
        assertTrue(e.getMessage().contains(RunFiles.METRICS), e.getMessage());
        assertFalse(Files.exists(dir.resolve(RunFiles.METRICS)), "nothing was written");
    }

    /** One column of metrics.csv, header dropped. */
    private static List<String> column(Path run, int index) throws IOException {
        return Files.readAllLines(run.resolve(RunFiles.METRICS)).stream().skip(1).map(l -> l.split(",", -1)[index]).toList();
    }
}
