package org.icl.trainers.loop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.random.Seeds;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.train.RunContext;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainingFailedException;
import org.icl.api.train.TrainingSummary;
import org.icl.trainers.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by the gradient trainers: sample a batch, forward, backward, clip,
 * update; evaluate on the monitor prompts now and then; log every step to {@code metrics.csv}
 * and checkpoint the parameters at each evaluation.
 */
public final class GradientTrainer implements Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(GradientTrainer.class);
    /** Steps averaged into the reported final training loss, which is noisy step to step. */
    static final int FINAL_LOSS_WINDOW = 100;

    private final LoopSettings settings;
    private final Supplier<Optimizer> optimizers;

    /** A trainer that starts each run with a fresh optimiser from {@code optimizers}. */
    public GradientTrainer(LoopSettings settings, Supplier<Optimizer> optimizers) {
        this.settings = settings;
        this.optimizers = optimizers;
    }

    @Override
    public TrainingSummary train(Task task, Model model, RunContext context) {
        List<Parameter> parameters = model.parameters();
        Optimizer optimizer = optimizers.get();
        RandomGenerator data = Seeds.stream(context.seed(), "trainer.data");
        Tape tape = Tape.forTraining();
        Optional<MetricsLog> log = context.directory().map(dir -> new MetricsLog(dir.resolve("metrics.csv"), task.reportedMetrics()));
        Optional<ProgressBar> bar = context.showProgress() ? Optional.of(progressBar(context.label())) : Optional.empty();
        long start = System.nanoTime();
        double[] recent = new double[Math.min(FINAL_LOSS_WINDOW, settings.steps())];
        long evaluating = 0;
        try {
            for (int step = 1; step <= settings.steps(); step++) {
                parameters.forEach(Parameter::zeroGrad);
                Tensor loss = task.trainingLoss(tape, model, data, settings.batchSize());
                double value = loss.data()[0];
                if (!Double.isFinite(value)) {
                    throw new TrainingFailedException("training diverged at step " + step + " (loss " + value
                            + "); lower trainer.learning-rate or set trainer.clip-norm");
                }
                tape.backward(loss);
                tape.reset();
                clip(parameters);
                optimizer.step(parameters);
                recent[step % recent.length] = value;

                Double evalLoss = null;
                Map<String, Double> reported = null;
                boolean last = step == settings.steps();
                if (last || (settings.evalEvery() > 0 && step % settings.evalEvery() == 0)) {
                    long evaluationStart = System.nanoTime();
                    Evaluation evaluation = task.evaluate(model, settings.monitorPrompts());
                    evaluating += System.nanoTime() - evaluationStart;
                    evalLoss = evaluation.loss();
                    reported = evaluation.metrics();
                    LOG.debug("{} step {}: train {} eval {}", context.label(), step, value, evalLoss);
                    context.directory().ifPresent(dir -> ParameterFile.write(dir.resolve("parameters.json"), parameters));
                }
                MetricsLog.Row row = new MetricsLog.Row(step, value, evalLoss, reported, (System.nanoTime() - start) / 1e9);
                log.ifPresent(l -> l.append(row));
                int current = step;
                Double shown = evalLoss;
                bar.ifPresent(b -> {
                    b.stepTo(current);
                    b.setExtraMessage(String.format(" loss %.4g", value) + (shown == null ? "" : String.format(" eval %.4g", shown)));
                });
            }
        } finally {
            log.ifPresent(MetricsLog::close);
            bar.ifPresent(ProgressBar::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mean = 0;
        for (double r : recent) {
            mean += r / recent.length;
        }
        return new TrainingSummary(settings.steps(), mean, seconds, evaluating / 1e9);
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

    private ProgressBar progressBar(String label) {
        return new ProgressBarBuilder().setTaskName(label).setInitialMax(settings.steps())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }
}
