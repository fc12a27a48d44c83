package org.icl.app.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.icl.api.config.InvalidInputException;
import org.icl.api.config.InvalidSettingException;
import org.icl.app.run.RunExecutor;
import org.icl.api.train.Divergence;
import org.icl.app.run.RunPlan;
import org.icl.app.run.RunResult;
import org.icl.app.wiring.PluginCatalog;
import org.icl.trainers.loop.CheckpointFile;
import org.icl.trainers.loop.RunFiles;
import ch.qos.logback.classic.Level;
import org.ojalgo.OjAlgoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trials of a study into its output directory, up to {@code jobs} at a time. A trial is built
 * from its config in the thread that runs it (own task, model, trainer, tape and seeds: trials share no
 * mutable state) and writes into its private directory {@code .partial/<trial>}, renamed to its own name
 * when it is complete; so a trial's directory exists only whole, and a trial whose directory exists is skipped.
 * A trial killed in the middle continues from the last checkpoint its private directory holds (bit for bit, as
 * {@code icl train --resume} does) when the study runs again.
 */
public final class TrialRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);
    /** Where running trials write; what a killed run leaves here is continued (or, without a usable checkpoint, removed) when its trial starts again. */
    static final String PARTIAL = ".partial";

    /** What a run of some trials did: results of the trials run now (study order), how many were already done, failures. */
    public record Outcome(List<RunResult> results, int skipped, List<String> failures) {
    }

    private final PluginCatalog catalog;
    private final int jobs;
    private final int threads;
    private final boolean showProgress;

    /**
     * A runner of {@code jobs} trials at once, each of which may use {@code threads} threads for its shards: trials
     * side by side share the cores, and the last trial of a study, left alone, gets them all.
     */
    public TrialRunner(PluginCatalog catalog, int jobs, int threads, boolean showProgress) {
        if (jobs < 1) {
            throw new InvalidSettingException("--jobs " + jobs + ": expected at least 1");
        }
        this.catalog = catalog;
        this.jobs = jobs;
        this.threads = threads;
        this.showProgress = showProgress;
    }

    /**
     * Runs those of {@code trials} that {@code root} holds no complete result of. Before anything runs, a
     * trial directory whose config differs from the trial's is an error: the output belongs to another study.
     */
    public Outcome run(StudyPlan plan, List<Trial> trials, Path root) {
        List<Trial> pending = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Trial trial : trials) {
            Path dir = root.resolve(trial.name());
            if (!Files.exists(dir)) {
                pending.add(trial);
                continue;
            }
            Optional<TrialStatus> status = TrialStatus.read(dir);
            if (status.isEmpty() || !status.get().configSha256().equals(trial.configHash())) {
                conflicts.add(dir.toString());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new InvalidSettingException(root + " holds results of other settings (another study, other --set overrides or "
                    + "an older version); choose another -o or remove them: " + String.join(", ", conflicts));
        }
        StudyManifest.of(plan).write(root);
        int skipped = trials.size() - pending.size();
        if (jobs > 1) {
            // Trials are the unit of parallelism: ojAlgo must not spread one trial's work over the cores as well.
            OjAlgoUtils.limitThreadsTo(1);
        }
        List<RunResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // A study logs one line per trial itself; a run's own lines would name its temporary directory.
        Optional<ch.qos.logback.classic.Logger> runLog = LoggerFactory.getLogger(RunExecutor.class)
                instanceof ch.qos.logback.classic.Logger logback ? Optional.of(logback) : Optional.empty();
        Optional<Level> runLevel = runLog.map(ch.qos.logback.classic.Logger::getLevel);
        runLog.ifPresent(l -> l.setLevel(Level.WARN));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, pending.size())));
        try (StudyProgress progress = showProgress ? new StudyProgress(plan.file().name(), trials.size(), skipped) : null) {
            List<Future<Optional<RunResult>>> futures = new ArrayList<>();
            for (Trial trial : pending) {
                futures.add(pool.submit(() -> runOne(trial, root, progress, failures)));
            }
            for (Future<Optional<RunResult>> future : futures) {
                future.get().ifPresent(results::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trials ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
            runLog.ifPresent(l -> l.setLevel(runLevel.orElse(null)));
        }
        try {
            Files.deleteIfExists(root.resolve(PARTIAL));
        } catch (IOException e) {
            // another shard still runs trials there
        }
        return new Outcome(results, skipped, failures);
    }

    private Optional<RunResult> runOne(Trial trial, Path root, StudyProgress progress, List<String> failures) {
        if (progress != null) {
            progress.started();
        }
        long start = System.nanoTime();
        Path partial = null;
        boolean success = false;
        try {
            partial = root.resolve(PARTIAL).resolve(trial.name());
            OptionalInt resumed = resumableStep(partial, trial);
            if (resumed.isEmpty()) {
                delete(partial);
                createDirectories(partial);
            } else if (progress == null) {
                LOG.info("{}: continues from its checkpoint at step {}", trial.name(), resumed.getAsInt());
            }
            RunPlan plan = RunPlan.assemble(trial.name(), trial.config(), catalog);
            RunResult result = new RunExecutor(false, threads).execute(plan, Optional.of(partial), resumed.isPresent());
            TrialStatus status;
            Optional<Divergence> diverged = result.divergence();
            if (diverged.isPresent()) {
                // deterministic: the same config diverges again, so this is the trial's result
                String message = diverged.get().message();
                status = new TrialStatus(trial.name(), TrialStatus.FAILED, message, trial.configHash(), seconds(start),
                        resumed.orElse(0));
                record(failures, trial.name() + ": " + message);
            } else {
                status = new TrialStatus(trial.name(), TrialStatus.COMPLETED, null, trial.configHash(), seconds(start),
                        resumed.orElse(0));
                success = true;
                if (progress == null) {
                    // with a progress bar on the terminal, a log line would break it; the bar says as much
                    LOG.info("{}: completed in {} s; eval loss {}{}", trial.name(), String.format("%.1f", status.wallSeconds()),
                        ReadableNumber.format(result.evalLoss()), result.theory()
                                .map(t -> " (" + t.reference() + " " + ReadableNumber.format(t.referenceValue()) + ")").orElse(""));
                }
            }
            status.write(partial);
            Files.move(partial, root.resolve(trial.name()), StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(result);
        } catch (IOException | RuntimeException e) {
            // not a result of the trial (a full disk, a bug): leave nothing, so that a rerun tries again
            LOG.error("{}: {}", trial.name(), e.toString(), e);
            record(failures, trial.name() + ": " + e);
            delete(partial);
            return Optional.empty();
        } finally {
            if (progress != null) {
                progress.finished(success);
            }
        }
    }

    private static void record(List<String> failures, String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The step of the checkpoint that {@code partial}, the private directory of a killed attempt at {@code trial}, can
     * continue from: present when it holds this very trial (its config.conf has the trial's fingerprint) and a
     * checkpoint that reads whole. Anything else there (no checkpoint yet, another config, a damaged file) is discarded.
     */
    private static OptionalInt resumableStep(Path partial, Trial trial) {
        Path config = partial.resolve(RunFiles.CONFIG);
        Path checkpoint = partial.resolve(RunFiles.CHECKPOINT);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(checkpoint)) {
            return OptionalInt.empty();
        }
        try {
            if (!TrialNames.sha256(Files.readString(config)).equals(trial.configHash())) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(CheckpointFile.read(checkpoint).step());
        } catch (IOException | InvalidInputException e) {
            LOG.warn("{}: cannot continue the killed attempt in {} ({}); starting the trial over", trial.name(), partial,
                    e.getMessage());
            return OptionalInt.empty();
        }
    }

    /** Creates {@code dir} and its parents; another shard that just finished may remove an empty {@code .partial} meanwhile. */
    private static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
