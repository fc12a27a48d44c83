package org.icl.app.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.icl.app.Icl;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.plot.LearningCurves;
import org.icl.app.run.OutputDirectory;
import org.icl.app.run.RunExecutor;
import org.icl.app.run.RunPlan;
import org.icl.app.run.RunResult;
import org.icl.app.study.ResultTable;
import org.icl.app.study.Study;
import org.icl.app.study.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icl run [STUDY]}: every variant of a study, then a table of results against theory. */
@Command(name = "run", description = "Run a study (default: the built-in CoT vs no-CoT study) and print results beside theory.")
final class RunCommand implements Callable<Integer> {

    static final String DEFAULT_STUDY = "org/icl/app/default-study.conf";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "STUDY", arity = "0..1", description = "Study file: base { ... } and variants = [ { name = ..., ... } ].")
    Path study;

    @Mixin
    RunOptions options;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        int threads = options.threads();
        PrintWriter out = spec.commandLine().getOut();
        Launch launch = Launch.discover(study == null ? plugins.folder(Path.of("")) : plugins.folderBeside(study));
        Study loaded = study == null ? Study.from("default", builtIn())
                : Study.from(Launch.nameOf(study), RunConfigLoader.parseFile(study));
        Config overrides = RunConfigLoader.parseOverrides(options.overrides);
        // Every variant is built (and so validated) before the first one trains, and before any directory is made.
        List<RunPlan> plans = new ArrayList<>();
        for (String variant : loaded.variants().keySet()) {
            Config complete = launch.loader().complete(loaded.layers(variant, overrides));
            plans.add(RunPlan.assemble(variant, complete, launch.catalog()));
        }
        Path root = options.directoryFor(loaded.name());
        // A rerun into the same directory continues: each variant resumes from its checkpoint, a
        // finished one is only evaluated again; a variant directory holding another config is refused.
        OutputDirectory.requireWritable(root, options.describe(root));
        List<Boolean> resumed = new ArrayList<>();
        for (RunPlan plan : plans) {
            Path dir = root.resolve(plan.name());
            OutputDirectory.requireSameRun(dir, plan.config(), options.describe(root) + " (variant " + plan.name() + ")");
            resumed.add(Files.isDirectory(dir));
        }
        RunExecutor executor = new RunExecutor(!options.quiet, threads);
        List<RunResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < plans.size(); i++) {
            RunPlan plan = plans.get(i);
            results.add(executor.execute(plan, Optional.of(root.resolve(plan.name())), resumed.get(i)));
        }
        LearningCurves.save(results, root, root.resolve("learning-curves.png"));
        StudySummary.write(results, root.resolve("summary.csv"));
        ResultTable.print(results, out);
        out.printf("wall time %.1f s; results: %s%n", (System.nanoTime() - start) / 1e9, root);
        List<String> diverged = results.stream().filter(r -> r.divergence().isPresent()).map(RunResult::name).toList();
        if (!diverged.isEmpty()) {
            spec.commandLine().getErr().println("icl: " + diverged.size() + " of " + results.size() + " runs diverged ("
                    + String.join(", ", diverged) + "); the table and each result.json say where");
            return Icl.RUN_FAILED;
        }
        return 0;
    }

    private static Config builtIn() {
        try (Reader reader = new InputStreamReader(
                RunCommand.class.getClassLoader().getResourceAsStream(DEFAULT_STUDY), StandardCharsets.UTF_8)) {
            return ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setOriginDescription("built-in " + DEFAULT_STUDY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
