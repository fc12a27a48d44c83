package org.icl.app.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Directory names of trials: built from variant, swept values and seed ({@code cot_k=10_seed=1}),
 * restricted to characters safe in any file system, never hidden or a path, and unique within a study.
 */
final class TrialNames {

    /** Longest name kept whole; longer ones are cut and end in a hash of the whole. */
    private static final int MAX_LENGTH = 100;
    /** Names the report writes beside the trials. */
    private static final Set<String> RESERVED = Set.of("summary.csv", "aggregate.csv", "timings.csv", "report.html",
            "study.json", "figures", "learning-curves.png");

    private TrialNames() {
    }

    /** Short column names of swept keys for trial names: the last segment of each key, longer where needed to tell keys apart. */
    static Map<String, String> shortKeys(List<String> keys) {
        Map<String, String> shortNames = new LinkedHashMap<>();
        for (String key : keys) {
            String[] segments = key.split("\\.");
            String chosen = key;
            for (int take = 1; take <= segments.length; take++) {
                String candidate = String.join(".", java.util.Arrays.copyOfRange(segments, segments.length - take, segments.length));
                boolean ambiguous = candidate.equals("type") || keys.stream()
                        .anyMatch(other -> !other.equals(key) && (other.endsWith("." + candidate) || other.equals(candidate)));
                if (!ambiguous) {
                    chosen = candidate;
                    break;
                }
            }
            shortNames.put(key, chosen);
        }
        return shortNames;
    }

    /** The name of a point of a study: variant and swept values, joined by '_'. */
    static String pointName(String variant, Point point, Map<String, String> shortKeys) {
        List<String> parts = new ArrayList<>();
        if (!variant.isEmpty()) {
            parts.add(safe(variant));
        }
        point.labels().forEach((key, label) -> parts.add(safe(shortKeys.get(key)) + "=" + safe(label)));
        return String.join("_", parts);
    }

    /** The trial's name: its point's name and, when the study lists seeds, the seed. */
    static String trialName(String pointName, Long seed) {
        String name = seed == null ? pointName : (pointName.isEmpty() ? "" : pointName + "_") + "seed=" + seed;
        if (name.isEmpty()) {
            name = "run";
        }
        if (name.startsWith(".") || RESERVED.contains(name)) {
            name = "_" + name;
        }
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH - 9) + "-" + hash(name);
    }

    /** Makes {@code names} unique: names that collide get a hash of their trial's identity appended. */
    static List<String> unique(List<String> names, List<String> identities) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            unique.add(counts.get(name) == 1 ? name : name + "-" + hash(identities.get(i)));
        }
        return unique;
    }

    /** Characters other than letters, digits and {@code . + = - _} become '-'; so no path separator, space or quote survives. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '+' || c == '=' || c == '-' || c == '_';
            out.append(kept ? c : '-');
        }
        return out.toString();
    }

    /** The first 8 hex digits of the SHA-256 of {@code text}. */
    static String hash(String text) {
        return sha256(text).substring(0, 8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
