package org.icl.app.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.plot.LearningCurves;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Launch launch = Launch.discover();
        Study loaded = study == null ? Study.from("default", builtIn())
                : Study.from(Launch.nameOf(study), RunConfigLoader.parseFile(study));
        Config overrides = RunConfigLoader.parseOverrides(options.overrides);
        // Every variant is built (and so validated) before the first one trains.
        List<RunPlan> plans = new ArrayList<>();
        for (String variant : loaded.variants().keySet()) {
            Config complete = launch.loader().complete(loaded.layers(variant, overrides));
            plans.add(RunPlan.assemble(variant, complete, launch.catalog()));
        }
        Path root = options.directoryFor(loaded.name());
        RunExecutor executor = new RunExecutor(!options.quiet);
        List<RunResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (RunPlan plan : plans) {
            results.add(executor.execute(plan, Optional.of(root.resolve(plan.name()))));
        }
        LearningCurves.save(results, root, root.resolve("learning-curves.png"));
        StudySummary.write(results, root.resolve("summary.csv"));
        ResultTable.print(results, out);
        out.printf("wall time %.1f s; results: %s%n", (System.nanoTime() - start) / 1e9, root);
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
