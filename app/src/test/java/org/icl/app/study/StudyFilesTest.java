package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.app.config.RunConfigLoader;
import org.icl.app.wiring.PluginCatalog;
import org.junit.jupiter.api.Test;

/** Every study shipped in studies/ expands into valid trials, as many as its comment promises. */
class StudyFilesTest {

    private static final Map<String, Integer> TRIALS = Map.of(
            "cot-vs-looped", 11,
            "huang-fig1-heatmaps", 3,
            "huang-fig2-cot-vs-no-cot", 24,
            "huang-fig3-ood-covariance", 24,
            "icl-regression", 2,
            "looped", 2,
            "short-trials", 24,
            "tree-backward", 2,
            "tree-forward", 2);

    @Test
    void everyShippedStudyIsValid() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        Config reference = ConfigFactory.defaultReference(loader);
        PluginCatalog catalog = PluginCatalog.discover(loader);
        RunConfigLoader configs = new RunConfigLoader(reference, catalog);
        // few evaluation prompts: validation computes each point's theory on them
        Config cheap = RunConfigLoader.parseOverrides(List.of("task.eval-prompts=20"));
        // the tree studies' task draws evaluation trees instead of prompts
        Config cheapTrees = RunConfigLoader.parseOverrides(List.of("task.eval-trees=20"));
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("..", "studies"))) {
            files = listed.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertEquals(TRIALS.keySet().stream().sorted().toList(),
                files.stream().map(p -> p.getFileName().toString().replace(".conf", "")).toList());
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".conf", "");
            StudyFile study = StudyFile.from(name, RunConfigLoader.parseFile(file), reference);
            assertEquals(TRIALS.get(name), StudyPlan.expand(study, name.startsWith("tree-") ? cheapTrees : cheap, configs, catalog).trials().size(), name);
        }
    }
}
