package org.icl.app.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the report knows of one trial: its manifest entry, its state ({@code completed}, {@code failed}
 * or {@code missing}: not run yet, or run by a shard whose directory was not given), the scalar fields of
 * its result.json flattened to dotted names, and its timings apart from them.
 */
record TrialRecord(StudyManifest.Entry entry, String state, Optional<Path> directory, Map<String, String> values,
                   Map<String, String> timings) {

    static final String MISSING = "missing";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trial as found in the first of {@code directories} that holds it complete. */
    static TrialRecord find(StudyManifest.Entry entry, java.util.List<Path> directories) {
        for (Path root : directories) {
            Path dir = root.resolve(entry.name());
            Optional<TrialStatus> status = TrialStatus.read(dir);
            if (status.isEmpty() || !status.get().configSha256().equals(entry.configSha256())) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> timings = new LinkedHashMap<>();
            Path result = dir.resolve("result.json");
            if (Files.isRegularFile(result)) {
                try {
                    flatten("", JSON.readTree(result.toFile()), values, timings);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + result, e);
                }
            }
            // The trial's name and state are columns of their own; provenance (commit, Java, threads) says how
            // a result was made, not what it is, and would keep summaries of the same study from comparing equal.
            values.keySet().removeIf(key -> key.equals("run") || key.equals("status") || key.startsWith("diverged.")
                    || key.startsWith("provenance."));
            timings.put("trial_wall_seconds", Double.toString(status.get().wallSeconds()));
            return new TrialRecord(entry, status.get().state(), Optional.of(dir), values, timings);
        }
        return new TrialRecord(entry, MISSING, Optional.empty(), Map.of(), Map.of());
    }

    /**
     * Every scalar of {@code node} under its dotted path; lists are left out. A field named {@code *seconds}
     * or {@code *per_second} is a timing: it differs run to run, so it goes apart to keep summaries comparable byte for byte.
     */
    private static void flatten(String prefix, JsonNode node, Map<String, String> values, Map<String, String> timings) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), values, timings);
            }
        } else if (node.isValueNode() && !node.isNull()) {
            String leaf = prefix.substring(prefix.lastIndexOf('.') + 1);
            boolean timing = leaf.endsWith("seconds") || leaf.endsWith("per_second");
            (timing ? timings : values).put(prefix, node.asText());
        }
    }
}
