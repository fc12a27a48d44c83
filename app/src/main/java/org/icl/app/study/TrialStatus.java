package org.icl.app.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.icl.api.io.AtomicFile;

/**
 * {@code trial.json}, the last file a trial writes: its state ({@code completed}, or {@code failed}
 * with the reason when training failed on its own terms), the fingerprint of its config, its wall time (of the
 * last attempt) and the checkpoint step that attempt continued from (0: it trained from the start).
 * A trial directory holding it is complete; the engine never shows a trial directory without it.
 */
public record TrialStatus(String trial, String state, String reason, String configSha256, double wallSeconds,
                          int resumedFromStep) {

    static final String FILE = "trial.json";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    void write(Path directory) {
        AtomicFile.write(directory.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /** The status in {@code directory}, if it holds a readable one. */
    static Optional<TrialStatus> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), TrialStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
