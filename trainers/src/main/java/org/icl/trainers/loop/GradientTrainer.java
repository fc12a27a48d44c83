package org.icl.trainers.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.icl.api.autodiff.Parameter;
import org.icl.api.config.InvalidInputException;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.train.Divergence;
import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by the gradient trainers: sample a batch, forward, backward, clip,
 * update; evaluate on the monitor prompts now and then (on the log schedule also before the first
 * step); log every step to {@code metrics.csv}; at each evaluation record the task's reading of the
 * model in {@code probes.csv} and the parameters in {@code snapshots/} (unless probes are off); now and
 * then save parameters.json and a checkpoint from which {@link RunContext#resume()} continues bit for
 * bit. A non-finite or exploding loss ends the run early as diverged.
 */
public final class GradientTrainer implements Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(GradientTrainer.class);
    /** Steps averaged into the reported final training loss, which is noisy step to step. */
    static final int FINAL_LOSS_WINDOW = 100;
    /** The stream each step's training batch is drawn from, indexed by the step. */
    static final String DATA_STREAM = "trainer.data";

    private final LoopSettings settings;
    private final ShardSettings shards;
    private final Supplier<Optimizer> optimizers;

    /** A trainer that starts each run with a fresh optimiser from {@code optimizers}, the whole batch on one thread. */
    public GradientTrainer(LoopSettings settings, Supplier<Optimizer> optimizers) {
        this(settings, ShardSettings.SERIAL, optimizers);
    }

    /** A trainer that splits each batch as {@code shards} says (see {@link ShardedStep}). */
    public GradientTrainer(LoopSettings settings, ShardSettings shards, Supplier<Optimizer> optimizers) {
        this.settings = settings;
        this.shards = shards;
        this.optimizers = optimizers;
    }

    @Override
    public TrainingSummary train(Task task, Model model, RunContext context) {
        List<Parameter> parameters = model.parameters();
        Optimizer optimizer = optimizers.get();
        Optional<Checkpoint> resumed = resumedCheckpoint(context);
        resumed.ifPresent(c -> restore(c, parameters, optimizer));
        int first = resumed.map(Checkpoint::step).orElse(0) + 1;
        double[] recent = resumed.map(c -> c.recentLosses().clone())
                .orElseGet(() -> new double[Math.min(FINAL_LOSS_WINDOW, settings.steps())]);
        DivergenceGuard guard = new DivergenceGuard(settings.divergenceFactor(),
                resumed.map(Checkpoint::trainBaseline).orElse(Double.NaN), resumed.map(Checkpoint::evalBaseline).orElse(Double.NaN));
        double secondsBefore = resumed.map(Checkpoint::seconds).orElse(0.0);
        long evaluating = (long) (resumed.map(Checkpoint::evaluationSeconds).orElse(0.0) * 1e9);
        ShardedStep batches = new ShardedStep(task, model, settings.batchSize(), shards, context.threads(),
                Seeds.derive(context.seed(), DATA_STREAM), settings.steps());

        Optional<MetricsLog> log = context.directory().map(dir -> resumed.isPresent()
                ? MetricsLog.resume(dir.resolve(RunFiles.METRICS), task.reportedMetrics(), resumed.get().metricsBytes())
                : MetricsLog.create(dir.resolve(RunFiles.METRICS), task.reportedMetrics()));
        Optional<ProbeLog> probes = context.directory().filter(dir -> settings.probes()).map(dir -> resumed.isPresent()
                ? ProbeLog.resume(dir.resolve(RunFiles.PROBES), resumed.get().probesBytes())
                : ProbeLog.create(dir.resolve(RunFiles.PROBES)));
        Optional<ProgressBar> bar = context.showProgress() ? Optional.of(progressBar(context.label(), first - 1)) : Optional.empty();
        long start = System.nanoTime();
        Optional<Divergence> divergence = Optional.empty();
        int step = first - 1;
        try {
            if (step == 0 && settings.evaluatesAt(0)) {
                // The model as initialised: where the learning curve and the probes start.
                long evaluationStart = System.nanoTime();
                Evaluation evaluation = task.evaluate(model, settings.monitorPrompts());
                divergence = guard.evaluation(0, evaluation.loss());
                probe(task, model, context, probes, 0, evaluation.loss());
                evaluating += System.nanoTime() - evaluationStart;
                double elapsed = secondsBefore + (System.nanoTime() - start) / 1e9;
                log.ifPresent(l -> l.append(new MetricsLog.Row(0, Double.NaN, evaluation.loss(), evaluation.metrics(), elapsed)));
            }
            while (divergence.isEmpty() && step < settings.steps()) {
                step++;
                // the loss of the step and its gradient, written over every parameter's
                double value = batches.run(step);
                divergence = guard.training(step, value);
                Double evalLoss = null;
                Map<String, Double> reported = null;
                if (divergence.isEmpty()) {
                    // A diverged step applies no update: the parameters keep the values of the step before.
                    clip(parameters);
                    optimizer.step(parameters, settings.learningRateAt(step));
                    recent[step % recent.length] = value;
                    if (settings.evaluatesAt(step)) {
                        long evaluationStart = System.nanoTime();
                        Evaluation evaluation = task.evaluate(model, settings.monitorPrompts());
                        evalLoss = evaluation.loss();
                        reported = evaluation.metrics();
                        divergence = guard.evaluation(step, evalLoss);
                        probe(task, model, context, probes, step, evalLoss);
                        evaluating += System.nanoTime() - evaluationStart;
                        LOG.debug("{} step {}: train {} eval {}", context.label(), step, value, evalLoss);
                    }
                }
                double elapsed = secondsBefore + (System.nanoTime() - start) / 1e9;
                MetricsLog.Row row = new MetricsLog.Row(step, value, evalLoss, reported, elapsed);
                log.ifPresent(l -> l.append(row));
                if (divergence.isEmpty() && settings.checkpointsAt(step) && context.directory().isPresent()) {
                    Checkpoint checkpoint = new Checkpoint(step, ParameterFile.matrices(parameters), optimizer.state(parameters),
                            recent.clone(), guard.trainBaseline(), guard.evalBaseline(), elapsed, evaluating / 1e9,
                            log.get().bytes(), probes.map(ProbeLog::bytes).orElse(0L));
                    save(context.directory().get(), context.label(), parameters, checkpoint);
                }
                showProgress(bar, step, value, evalLoss);
            }
        } finally {
            batches.close();
            log.ifPresent(MetricsLog::close);
            probes.ifPresent(ProbeLog::close);
            bar.ifPresent(ProgressBar::close);
        }
        divergence.ifPresent(d -> LOG.debug("{}: {}", context.label(), d.message()));
        double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
        // Steps whose loss entered the window: all of them, unless a divergence stopped the run.
        int updated = divergence.filter(d -> d.quantity().equals("train_loss")).map(d -> d.step() - 1).orElse(step);
        return new TrainingSummary(step, recentMean(recent, updated), seconds, evaluating / 1e9, divergence,
                settings.monitorPrompts());
    }

    /** Records the reading of the model after {@code step} in probes.csv and its parameters in snapshots/, when probes are on. */
    private void probe(Task task, Model model, RunContext context, Optional<ProbeLog> probes, int step, double evalLoss) {
        if (probes.isEmpty()) {
            return;
        }
        probes.get().append(step, ProbeReading.of(task, model, settings.monitorPrompts(), evalLoss));
        Path snapshots = context.directory().orElseThrow().resolve(RunFiles.SNAPSHOTS);
        try {
            Files.createDirectories(snapshots);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + snapshots, e);
        }
        ParameterFile.write(snapshots.resolve(RunFiles.snapshot(step)), model.parameters(), context.label(), step);
    }

    /** The mean of the last min(updated, window) training losses in the ring buffer; NaN when there are none. */
    private static double recentMean(double[] recent, int updated) {
        int count = Math.min(updated, recent.length);
        double mean = 0;
        for (int back = 0; back < count; back++) {
            mean += recent[Math.floorMod(updated - back, recent.length)] / count;
        }
        return count == 0 ? Double.NaN : mean;
    }

    /** Writes parameters.json and the checkpoint; each write is atomic, the checkpoint last. */
    private static void save(Path dir, String label, List<Parameter> parameters, Checkpoint checkpoint) {
        ParameterFile.write(dir.resolve(RunFiles.PARAMETERS), parameters, label, checkpoint.step());
        CheckpointFile.write(dir.resolve(RunFiles.CHECKPOINT), checkpoint);
    }

    /** The checkpoint to continue from: present only when resuming a run that has one. */
    private static Optional<Checkpoint> resumedCheckpoint(RunContext context) {
        if (!context.resume()) {
            return Optional.empty();
        }
        Path file = context.directory().orElseThrow().resolve(RunFiles.CHECKPOINT);
        return Files.exists(file) ? Optional.of(CheckpointFile.read(file)) : Optional.empty();
    }

    private void restore(Checkpoint checkpoint, List<Parameter> parameters, Optimizer optimizer) {
        if (checkpoint.step() < 1 || checkpoint.step() > settings.steps()
                || checkpoint.recentLosses().length != Math.min(FINAL_LOSS_WINDOW, settings.steps())) {
            throw new InvalidInputException("the checkpoint (step " + checkpoint.step() + ") does not belong to a run of "
                    + settings.steps() + " steps; delete it to start the run over");
        }
        try {
            ParameterFile.load("the checkpoint", checkpoint.parameters(), parameters);
            optimizer.restore(parameters, checkpoint.optimizer());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + ": the checkpoint does not fit this model and trainer;"
                    + " delete it to start the run over");
        }
    }

    /** Rescales all gradients together when their global norm exceeds the clip norm. */
    private void clip(List<Parameter> parameters) {
        if (settings.clipNorm() <= 0) {
            return;
        }
        // Summing squares of the entries scaled by the largest one keeps the norm finite for gradients
        // above ~1e154, whose squares overflow: exactly the huge gradients clipping exists to tame.
        double largest = 0;
        for (Parameter p : parameters) {
            for (double g : p.grad().data) {
                largest = Math.max(largest, Math.abs(g));
            }
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return;
        }
        double squared = 0;
        for (Parameter p : parameters) {
            for (double g : p.grad().data) {
                squared += (g / largest) * (g / largest);
            }
        }
        double norm = largest * Math.sqrt(squared);
        if (norm > settings.clipNorm()) {
            double factor = settings.clipNorm() / largest / Math.sqrt(squared);
            for (Parameter p : parameters) {
                double[] g = p.grad().data;
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
        }
    }

    private static void showProgress(Optional<ProgressBar> bar, int step, double loss, Double evalLoss) {
        bar.ifPresent(b -> {
            b.stepTo(step);
            b.setExtraMessage(String.format(" loss %.4g", loss) + (evalLoss == null ? "" : String.format(" eval %.4g", evalLoss)));
        });
    }

    private ProgressBar progressBar(String label, int done) {
        return new ProgressBarBuilder().setTaskName(label).setInitialMax(settings.steps()).startsFrom(done, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }
}
