package org.icl.app.reproduction;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunExecutor;
import org.icl.app.run.RunPlan;
import org.icl.app.run.RunResult;
import org.icl.app.study.Study;
import org.icl.app.wiring.PluginCatalog;

/** Runs one variant of a study in memory, as `icl run` would, for the reproduction tests. */
final class StudyReproduction {

    private StudyReproduction() {
    }

    static RunResult run(String name, String config) {
        return run(name, config, Optional.empty());
    }

    /** Runs {@code config} as run {@code name}, writing its files into {@code directory} when present. */
    static RunResult run(String name, String config, Optional<Path> directory) {
        ClassLoader loader = StudyReproduction.class.getClassLoader();
        PluginCatalog catalog = PluginCatalog.discover(loader);
        Config complete = new RunConfigLoader(ConfigFactory.defaultReference(loader), catalog)
                .complete(List.of(ConfigFactory.parseString(config)));
        return new RunExecutor(false).execute(RunPlan.assemble(name, complete, catalog), directory);
    }

    /** Runs variant {@code variant} of the study file at {@code study}, as `icl run` would, in memory. */
    static RunResult runVariant(Path study, String variant) {
        ClassLoader loader = StudyReproduction.class.getClassLoader();
        PluginCatalog catalog = PluginCatalog.discover(loader);
        Study loaded = Study.from("study", RunConfigLoader.parseFile(study));
        Config complete = new RunConfigLoader(ConfigFactory.defaultReference(loader), catalog)
                .complete(loaded.layers(variant, ConfigFactory.empty()));
        return new RunExecutor(false).execute(RunPlan.assemble(variant, complete, catalog), Optional.empty());
    }

    static double mechanism(RunResult result, String key) {
        return (Double) result.mechanism().get(key);
    }
}
