package org.icl.app.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.app.config.KeySuggestion;

/**
 * A whole study as one file: the shared {@code base} and {@code variants} of {@link Study}, a
 * {@link Sweep} over any run keys, the {@code seeds} every point repeats over, and what the report draws.
 * Defaults and the documentation of every key: {@code icl.study} in the app's reference.conf.
 */
public record StudyFile(String name, String description, Study study, Sweep sweep, List<Long> seeds, ReportSettings report) {

    public StudyFile {
        seeds = List.copyOf(seeds);
    }

    /** Reads a parsed study file; {@code reference} holds the {@code icl.study} defaults. */
    public static StudyFile from(String name, Config file, Config reference) {
        Study study = Study.from(name, file);
        Config defaults = reference.getConfig("icl.study");
        for (String block : List.of("sweep", "report")) {
            if (file.hasPath(block)) {
                checkKeys(new Settings(file, "").child(block), defaults.getObject(block));
            }
        }
        Settings root = new Settings(file.withFallback(defaults), "");
        Sweep sweep = Sweep.from(root.child("sweep"));
        List<Long> seeds = seeds(root);
        if (!seeds.isEmpty() && sweep.keys().contains("seed")) {
            throw new InvalidSettingException("sweep.axes.seed (" + root.originOf("sweep.axes.seed")
                    + "): seed is swept and seeds = [...] is given; keep one of them");
        }
        return new StudyFile(name, root.string("description"), study, sweep, seeds,
                ReportSettings.from(root.child("report"), sweep.keys()));
    }

    /** Whether the study names its variants (a study of a sweep or seeds alone has one unnamed variant). */
    public boolean hasVariants() {
        return !(study.variants().size() == 1 && study.variants().containsKey(""));
    }

    private static List<Long> seeds(Settings root) {
        List<Long> seeds;
        try {
            seeds = root.config().getLongList("seeds");
        } catch (ConfigException.WrongType e) {
            throw root.invalid("seeds", "a list of integers, e.g. [1, 2, 3]");
        }
        Set<Long> seen = new HashSet<>();
        for (long seed : seeds) {
            if (!seen.add(seed)) {
                throw root.invalid("seeds", "distinct integers (" + seed + " is listed twice)");
            }
        }
        return new ArrayList<>(seeds);
    }

    private static void checkKeys(Settings block, ConfigObject valid) {
        for (String key : new TreeSet<>(block.config().root().keySet())) {
            if (!valid.containsKey(key)) {
                String hint = KeySuggestion.nearest(key, valid.keySet())
                        .map(s -> " Did you mean " + block.path() + "." + s + "?").orElse("");
                throw new InvalidSettingException(block.path() + "." + key + " (" + block.originOf(key) + "): unknown key."
                        + hint + " Valid keys in " + block.path() + ": " + String.join(", ", new TreeSet<>(valid.keySet())));
            }
        }
    }
}
