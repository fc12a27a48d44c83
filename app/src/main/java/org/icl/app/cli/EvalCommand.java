package org.icl.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.typesafe.config.Config;

import org.icl.api.config.InvalidSettingException;
import org.icl.app.Icl;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunExecutor;
import org.icl.app.run.RunPlan;
import org.icl.app.run.RunResult;
import org.icl.app.study.ResultTable;
import org.icl.trainers.loop.ParameterFile;
import org.icl.trainers.loop.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icl eval RUN_DIR}: re-evaluates a finished run's parameters, e.g. on shifted inputs or more CoT steps. */
@Command(name = "eval", description = "Evaluate a finished run's saved parameters, optionally with changed task settings "
        + "(e.g. --set task.eval-covariance=[...] for out-of-distribution inputs).")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory holding config.conf and parameters.json.")
    Path run;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the run's config (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        Path parameters = run.resolve(RunFiles.PARAMETERS);
        if (!Files.isRegularFile(parameters)) {
            throw new InvalidSettingException(run + " holds no " + RunFiles.PARAMETERS + ": not a run directory");
        }
        Launch launch = Launch.discover(plugins.folder(Path.of("")));
        Config complete = launch.loader().complete(List.of(
                RunConfigLoader.parseOverrides(overrides), RunConfigLoader.parseFile(run.resolve(RunFiles.CONFIG))));
        RunPlan plan = RunPlan.assemble(run.getFileName().toString(), complete, launch.catalog());
        try {
            ParameterFile.read(parameters, plan.model().parameters());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage() + " (the overrides changed the model's shape?)");
        }
        RunResult result = RunExecutor.evaluate(plan, Optional.empty());
        ResultTable.print(List.of(result), spec.commandLine().getOut());
        return result.divergence().isPresent() ? Icl.RUN_FAILED : 0;
    }
}
