package org.icl.app.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.icl.api.io.AtomicFile;
import org.icl.api.config.InvalidSettingException;

/**
 * {@code study.json} in a study's output directory: what the report needs without the study file —
 * the swept keys, the report settings and every trial (name, variant, swept values, seed, config fingerprint),
 * also those of other shards, so that any shard's directory knows the whole study.
 */
public record StudyManifest(String study, String description, boolean variants, List<String> axes, List<Long> seeds,
                            ReportSettings report, List<Entry> trials) {

    /** One trial as the manifest lists it. */
    public record Entry(String name, String variant, Map<String, String> point, long seed, String configSha256) {
    }

    static final String FILE = "study.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public static StudyManifest of(StudyPlan plan) {
        StudyFile file = plan.file();
        List<Entry> entries = plan.trials().stream()
                .map(t -> new Entry(t.name(), t.variant(), t.point().labels(), t.seed(), t.configHash())).toList();
        return new StudyManifest(file.name(), file.description(), file.hasVariants(), file.sweep().keys(), file.seeds(),
                file.report(), entries);
    }

    void write(Path directory) {
        AtomicFile.write(directory.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /** The manifest of a study directory. */
    public static StudyManifest read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException(directory + " holds no " + FILE + ": not the output directory of `icl run STUDY`");
        }
        try {
            return JSON.readValue(file.toFile(), StudyManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
