package org.icl.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.typesafe.config.Config;

import org.icl.api.config.InvalidInputException;
import org.icl.app.Icl;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.OutputDirectory;
import org.icl.app.run.RunExecutor;
import org.icl.app.run.RunPlan;
import org.icl.app.run.RunResult;
import org.icl.app.study.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icl train CONFIG}: one run from a config file. */
@Command(name = "train", description = "Train and evaluate one model on one task, as a config file says.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "HOCON run config (keys: seed, task, model, trainer).")
    Path config;

    @Mixin
    RunOptions options;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--resume", description = "Continue the run in the -o directory from its last checkpoint "
            + "(start it there if it has none yet); the config must be the run's own.")
    boolean resume;

    @Override
    public Integer call() {
        if (resume && options.output == null) {
            throw new InvalidInputException("--resume needs -o DIR, the directory of the run to continue");
        }
        int threads = options.threads();
        PrintWriter out = spec.commandLine().getOut();
        Launch launch = Launch.discover(plugins.folderBeside(config));
        Config complete = launch.loader().complete(List.of(
                RunConfigLoader.parseOverrides(options.overrides), RunConfigLoader.parseFile(config)));
        String name = Launch.nameOf(config);
        RunPlan plan = RunPlan.assemble(name, complete, launch.catalog());
        Path directory = options.directoryFor(name);
        if (resume) {
            OutputDirectory.requireSameRun(directory, complete, options.describe(directory));
        } else {
            OutputDirectory.requireFresh(directory, options.describe(directory));
        }
        RunResult result = new RunExecutor(!options.quiet, threads).execute(plan, Optional.of(directory), resume);
        ResultTable.print(List.of(result), out);
        out.println("results: " + directory);
        if (result.divergence().isPresent()) {
            spec.commandLine().getErr().println("icl: " + name + ": " + result.divergence().get().message());
            return Icl.RUN_FAILED;
        }
        return 0;
    }
}
