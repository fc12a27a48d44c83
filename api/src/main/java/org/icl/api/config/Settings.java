package org.icl.api.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

/**
 * A plugin's config block, read with type and range checks. Every failure names the full key,
 * where its value came from (file and line, or the command line) and what was expected.
 */
public final class Settings {

    private final Config config;
    private final String path;

    /** Wraps {@code config}, the block found at {@code path} (e.g. "task") of the run's config. */
    public Settings(Config config, String path) {
        this.config = config;
        this.path = path;
    }

    /** The raw block, for plugins that hand a sub-block to another plugin. */
    public Config config() {
        return config;
    }

    /** The block's full key in the run config, e.g. {@code task}; errors name keys below it. */
    public String path() {
        return path;
    }

    /** The sub-block at {@code key}. */
    public Settings child(String key) {
        try {
            return new Settings(config.getConfig(key), qualified(key));
        } catch (ConfigException.WrongType e) {
            throw invalid(key, "an object { ... }");
        } catch (ConfigException.Missing e) {
            throw missing(key);
        }
    }

    /** An integer ≥ {@code min}. */
    public int intAtLeast(String key, int min) {
        return intBetween(key, min, Integer.MAX_VALUE);
    }

    /** An integer in [min, max]; a fractional number is an error, not rounded. */
    public int intBetween(String key, int min, int max) {
        int v = read(key, "an integer", () -> {
            ConfigValue raw = config.getValue(key);
            Object unwrapped = raw.unwrapped();
            if (unwrapped instanceof Double d && d != Math.rint(d)) {
                throw new ConfigException.WrongType(raw.origin(), key, "integer", "fractional number");
            }
            return config.getInt(key);
        });
        if (v < min || v > max) {
            throw invalid(key, "an integer " + range(min, max));
        }
        return v;
    }

    /** Any integer that fits a long (seeds, say). */
    public long longValue(String key) {
        return read(key, "an integer", () -> config.getLong(key));
    }

    /** A number in [min, max]; use infinities for open ends. */
    public double doubleBetween(String key, double min, double max) {
        double v = read(key, "a number", () -> config.getDouble(key));
        if (!(v >= min && v <= max)) {
            throw invalid(key, "a number " + range(min, max));
        }
        return v;
    }

    /** A number strictly above zero. */
    public double positive(String key) {
        double v = read(key, "a number", () -> config.getDouble(key));
        if (!(v > 0) || Double.isInfinite(v)) {
            throw invalid(key, "a number > 0");
        }
        return v;
    }

    /** {@code true} or {@code false}. */
    public boolean bool(String key) {
        return read(key, "true or false", () -> config.getBoolean(key));
    }

    /** One of the allowed words. */
    public String oneOf(String key, Set<String> allowed) {
        String v = read(key, "a string", () -> config.getString(key));
        if (!allowed.contains(v)) {
            throw invalid(key, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    /**
     * One constant of {@code type}, written in config as its name in lower case with '-' for '_'
     * (ONE_HOT is "one-hot"); an unknown word fails listing the allowed ones.
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        java.util.Map<String, E> byWord = new java.util.HashMap<>();
        for (E constant : type.getEnumConstants()) {
            byWord.put(constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), constant);
        }
        return byWord.get(oneOf(key, byWord.keySet()));
    }

    /** Any string. */
    public String string(String key) {
        return read(key, "a string", () -> config.getString(key));
    }

    /** A list of numbers, each at least {@code min}. */
    public List<Double> doubles(String key, double min) {
        List<Double> v = read(key, "a list of numbers", () -> config.getDoubleList(key));
        for (double x : v) {
            if (!(x >= min)) {
                throw invalid(key, "a list of numbers each ≥ " + min);
            }
        }
        return v;
    }

    /** A list of strings. */
    public List<String> strings(String key) {
        return read(key, "a list of strings", () -> config.getStringList(key));
    }

    /**
     * An object whose keys the user chooses, each with a number, e.g. {@code fixed { "W:y,const" = -1 }},
     * sorted by key. Its entries are addressed as {@link #entry}{@code (key, name)} in error messages.
     */
    public Map<String, Double> numberMap(String key) {
        ConfigObject object = read(key, "an object { name = number, ... }", () -> config.getObject(key));
        Map<String, Double> numbers = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            if (!(e.getValue().unwrapped() instanceof Number number)) {
                throw invalid(entry(key, e.getKey()), "a number");
            }
            numbers.put(e.getKey(), number.doubleValue());
        }
        return numbers;
    }

    /** The path of entry {@code name} of the object at {@code key}, quoted where the name needs it (for {@link #invalid}). */
    public static String entry(String key, String name) {
        return key + "." + ConfigUtil.joinPath(name);
    }

    /** The error for a value that parses but breaks a rule involving other settings. */
    public InvalidSettingException invalid(String key, String expected) {
        // Concise, so that a list or object is shown on the message's one line.
        String shown = config.hasPath(key) ? config.getValue(key).render(ConfigRenderOptions.concise()) : "(missing)";
        return new InvalidSettingException(qualified(key) + " = " + shown + " (" + originOf(key) + "): expected " + expected);
    }

    /** Where the value at {@code key} was set: "file.conf:12", "--set", or "defaults". */
    public String originOf(String key) {
        if (!config.hasPathOrNull(key)) {
            return "not set";
        }
        return describe(config.getValue(key).origin());
    }

    /** A short description of a config origin: file:line, or the origin's own description. */
    public static String describe(ConfigOrigin origin) {
        if (origin.filename() != null) {
            return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        }
        if (origin.resource() != null) {
            return "defaults " + origin.resource() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        }
        // A --set override is a one-line string: its ": 1" line says nothing.
        String description = origin.description();
        return description.startsWith("--set ") ? description.replaceFirst(": \\d+$", "") : description;
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private InvalidSettingException missing(String key) {
        return new InvalidSettingException(qualified(key) + " is missing");
    }

    private <T> T read(String key, String expected, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException.Missing e) {
            throw missing(key);
        } catch (ConfigException.WrongType e) {
            throw invalid(key, expected);
        }
    }

    private static String range(double min, double max) {
        if (max == Double.POSITIVE_INFINITY || max == Integer.MAX_VALUE) {
            return "≥ " + fmt(min);
        }
        if (min == Double.NEGATIVE_INFINITY || min == Integer.MIN_VALUE) {
            return "≤ " + fmt(max);
        }
        return "in [" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
