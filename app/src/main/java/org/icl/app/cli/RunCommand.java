package org.icl.app.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.icl.app.Icl;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.OutputDirectory;
import org.icl.app.study.ResultTable;
import org.icl.app.study.Shard;
import org.icl.app.study.StudyFile;
import org.icl.app.study.StudyPlan;
import org.icl.app.study.StudyReport;
import org.icl.app.study.TrialRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icl run [STUDY]}: every trial of a study (or of one shard), then the report and a table of results against theory. */
@Command(name = "run", description = "Run a study (default: the built-in CoT vs no-CoT study): its trials in parallel, skipping "
        + "those whose results exist; then write its report and print results beside theory.")
final class RunCommand implements Callable<Integer> {

    static final String DEFAULT_STUDY = "org/icl/app/default-study.conf";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "STUDY", arity = "0..1", description = "Study file: base { ... }, and variants = [ { name = ..., ... } ], "
            + "sweep { mode = grid|zip, axes { \"task.k\" = [...] } } and/or seeds = [...].")
    Path study;

    @Mixin
    RunOptions options;

    @Mixin
    PluginOptions plugins;

    @Option(names = {"-j", "--jobs"}, paramLabel = "J", description = "Trials run at once (default: the number of cores, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "i/N", description = "Run only the i-th of N disjoint shares of the trials (0 <= i < N), "
            + "e.g. --shard $SLURM_ARRAY_TASK_ID/3.")
    String shard;

    @Override
    public Integer call() {
        int threads = options.threads();
        PrintWriter out = spec.commandLine().getOut();
        Shard share = shard == null ? Shard.ALL : Shard.parse(shard);
        Launch launch = Launch.discover(study == null ? plugins.folder(Path.of("")) : plugins.folderBeside(study));
        StudyFile file = study == null ? StudyFile.from("default", builtIn(), launch.reference())
                : StudyFile.from(Launch.nameOf(study), RunConfigLoader.parseFile(study), launch.reference());
        // Every trial is resolved and validated before the first one starts.
        StudyPlan plan = StudyPlan.expand(file, RunConfigLoader.parseOverrides(options.overrides), launch.loader(), launch.catalog());
        Path root = options.directoryFor(file.name());
        OutputDirectory.requireWritable(root, options.describe(root));
        long start = System.nanoTime();
        TrialRunner.Outcome outcome = new TrialRunner(launch.catalog(), jobs, threads, !options.quiet).run(plan, plan.shard(share), root);
        long trialsDone = System.nanoTime();
        StudyReport.Written report = StudyReport.write(List.of(root), root);
        long reportDone = System.nanoTime();
        boolean sweeps = !file.seeds().isEmpty() || !file.sweep().axes().isEmpty();
        // a study of variants alone prints each run beside theory; a sweep prints its points over seeds instead
        if (!outcome.results().isEmpty() && !sweeps) {
            ResultTable.print(outcome.results(), out);
        }
        if (outcome.skipped() > 0) {
            out.printf("%d trial(s) skipped: their complete results exist in %s%n", outcome.skipped(), root);
        }
        if (sweeps) {
            StudyReport.print(report, out);
        } else {
            StudyReport.printEvaluations(report, out);
        }
        // the report's share is the part of the wall time that no --jobs shortens
        out.printf("wall time %.1f s (trials %.1f s, report %.1f s); results: %s%n", (System.nanoTime() - start) / 1e9,
                (trialsDone - start) / 1e9, (reportDone - trialsDone) / 1e9, root);
        out.println("report: " + report.html());
        out.flush();
        if (!outcome.failures().isEmpty()) {
            outcome.failures().forEach(f -> spec.commandLine().getErr().println("icl: trial " + f));
            return Icl.RUN_FAILED;
        }
        return 0;
    }

    static Config builtIn() {
        try (Reader reader = new InputStreamReader(
                RunCommand.class.getClassLoader().getResourceAsStream(DEFAULT_STUDY), StandardCharsets.UTF_8)) {
            return ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setOriginDescription("built-in " + DEFAULT_STUDY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
