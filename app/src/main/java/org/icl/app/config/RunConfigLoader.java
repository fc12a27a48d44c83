package org.icl.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.app.wiring.PluginCatalog;
import org.icl.app.wiring.PluginCatalog.Kind;

/**
 * Builds a run's complete config from its layers and validates it before any work starts.
 *
 * <p>Layers, strongest first: {@code --set key=value} overrides, the user's file, the run defaults
 * ({@code icl.run} in reference.conf), and for each of task, model and trainer the defaults of the
 * chosen {@code type} ({@code icl.defaults.<kind>.<type>}, shipped in the plugin's reference.conf).
 * Typesafe Config's own checks do not catch misspelt keys, so every key a user wrote is checked
 * against those defaults here, with the nearest valid key suggested.
 */
public final class RunConfigLoader {

    /** The run key of named extra evaluations of the trained parameters (see {@code icl.run} in reference.conf). */
    private static final String EVALUATE_ALSO = "evaluate-also";

    private final Config reference;
    private final PluginCatalog catalog;

    public RunConfigLoader(Config reference, PluginCatalog catalog) {
        this.reference = reference;
        this.catalog = catalog;
    }

    /**
     * Parses a HOCON file; a missing or unreadable file, a syntax error or a refused include (see
     * {@link LocalIncluder}) is reported with its file and line.
     */
    public static Config parseFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidSettingException("config file " + file + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException("config file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidSettingException("config file " + file + " cannot be read (permissions)");
        }
        try {
            return ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(new LocalIncluder()));
        } catch (LocalIncluder.Refused e) {
            throw new InvalidSettingException(IncludeLine.of(file, e.target) + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new InvalidSettingException(located(e));
        }
    }

    /** Parses {@code key=value} overrides; a later one wins over an earlier one. */
    public static Config parseOverrides(List<String> overrides) {
        Config merged = ConfigFactory.empty();
        for (String override : overrides) {
            if (!override.contains("=")) {
                throw new InvalidSettingException("--set " + override + ": expected key=value");
            }
            try {
                Config one = ConfigFactory.parseString(override, ConfigParseOptions.defaults()
                        .setOriginDescription("--set " + override).setIncluder(new LocalIncluder()));
                merged = one.withFallback(merged);
            } catch (LocalIncluder.Refused e) {
                throw new InvalidSettingException("--set " + override + ": " + e.getMessage());
            } catch (ConfigException e) {
                // the origin of the error already names the override
                throw new InvalidSettingException(located(e));
            }
        }
        return merged;
    }

    /**
     * A Typesafe Config error with its origin written as {@code file:line}, like every other config
     * message, rather than the library's {@code file: line}.
     */
    private static String located(ConfigException e) {
        ConfigOrigin origin = e.origin();
        String message = e.getMessage();
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            return Settings.describe(origin) + ": " + message.substring(origin.description().length() + 2);
        }
        return message;
    }

    /** Lays {@code layers} (strongest first) over the defaults, resolves, and validates every key and type. */
    public Config complete(List<Config> layers) {
        Config runDefaults = reference.getConfig("icl.run");
        Config user = ConfigFactory.empty();
        for (int i = layers.size() - 1; i >= 0; i--) {
            user = layers.get(i).withFallback(user);
        }
        try {
            user = user.resolve();
        } catch (ConfigException e) {
            throw new InvalidSettingException(located(e));
        }
        Set<String> plugins = Set.of(Kind.TASK.key(), Kind.MODEL.key(), Kind.TRAINER.key());
        checkKeys(user.root(), runDefaults.root(), "", plugins);
        Config merged = user.withFallback(runDefaults.withoutPath(Kind.TASK.key()).withoutPath(Kind.MODEL.key())
                .withoutPath(Kind.TRAINER.key()));
        for (Kind kind : Kind.values()) {
            Config block = completePlugin(kind, kind.key(), blockAt(user.root(), kind.key(), ""),
                    runDefaults.getConfig(kind.key()));
            merged = merged.withValue(kind.key(), block.root());
        }
        checkEvaluateAlso(blockAt(user.root(), EVALUATE_ALSO, ""), user.root(), runDefaults);
        return merged.resolve();
    }

    /**
     * Checks each named entry of {@code evaluate-also}: it may change task and model keys only, not a
     * {@code type}, and the run's blocks with its changes laid over must be complete, valid plugin blocks
     * (a misspelt key is named in full, e.g. {@code evaluate-also.twice.task.kk}).
     */
    private void checkEvaluateAlso(ConfigObject entries, ConfigObject user, Config runDefaults) {
        if (entries == null) {
            return;
        }
        for (String name : new TreeSet<>(entries.keySet())) {
            String path = EVALUATE_ALSO + "." + name;
            ConfigObject entry = blockAt(entries, name, EVALUATE_ALSO);
            for (String key : new TreeSet<>(entry.keySet())) {
                if (!key.equals(Kind.TASK.key()) && !key.equals(Kind.MODEL.key())) {
                    throw new InvalidSettingException(path + "." + key + " (" + Settings.describe(entry.get(key).origin())
                            + "): an evaluation may change task and model keys only, e.g. " + path + " { task.k = 40 }");
                }
                requireNoType(blockAt(entry, key, path), path + "." + key);
            }
            for (Kind kind : List.of(Kind.TASK, Kind.MODEL)) {
                ConfigObject changes = blockAt(entry, kind.key(), path);
                if (changes != null) {
                    ConfigObject base = blockAt(user, kind.key(), "");
                    ConfigObject given = base == null ? changes : changes.withFallback(base);
                    completePlugin(kind, path + "." + kind.key(), given, runDefaults.getConfig(kind.key()));
                }
            }
        }
    }

    /** A type cannot change in an extra evaluation: the trained parameters belong to the run's types. */
    private static void requireNoType(ConfigObject block, String path) {
        for (String key : new TreeSet<>(block.keySet())) {
            ConfigValue value = block.get(key);
            if (key.equals("type")) {
                throw new InvalidSettingException(path + ".type (" + Settings.describe(value.origin())
                        + "): an evaluation cannot change a plugin's type; the trained parameters belong to the run's types");
            }
            if (value.valueType() == ConfigValueType.OBJECT) {
                requireNoType((ConfigObject) value, path + "." + key);
            }
        }
    }

    /**
     * Completes one plugin block, at the top ({@code task}, ...) or nested in another plugin's block
     * ({@code model.layer}): finds its type (the user's, else the declared default's), checks the user's
     * keys against that type's defaults, fills in the defaults, and does the same for every nested
     * plugin block the type declares. {@code declared} is the block's default where it is declared
     * (holding at least {@code type}); its other keys apply only while its type is chosen.
     */
    private Config completePlugin(Kind kind, String path, ConfigObject given, Config declared) {
        Config givenConfig = given == null ? ConfigFactory.empty() : given.toConfig();
        Settings section = new Settings(givenConfig.withFallback(declared.withOnlyPath("type")), path);
        String type = section.string("type");
        Set<String> known = catalog.of(kind).keySet();
        if (!known.contains(type)) {
            String hint = KeySuggestion.nearest(type, known).map(s -> " Did you mean '" + s + "'?").orElse("");
            throw new InvalidSettingException(path + ".type = \"" + type + "\" (" + section.originOf("type")
                    + "): unknown " + kind.key() + " type." + hint + " Known " + kind.key() + " types: "
                    + String.join(", ", known) + " (" + catalog.folder().describe() + ").");
        }
        String defaultsPath = "icl.defaults." + kind.key() + "." + type;
        Config typeDefaults = reference.hasPath(defaultsPath) ? reference.getConfig(defaultsPath) : ConfigFactory.empty();
        boolean declaredTypeChosen = type.equals(declared.getString("type"));
        Config base = declaredTypeChosen ? declared.withFallback(typeDefaults) : typeDefaults;
        Set<String> nested = nestedPluginKeys(base);
        ConfigObject valid = base.root().withValue("type", section.config().getValue("type"));
        if (declaredTypeChosen) {
            checkKeys(declared.root(), valid, path, nested); // a plugin's defaults for its nested block must be valid too
        }
        if (given != null) {
            checkKeys(given, valid, path, nested);
        }
        Config completed = givenConfig.withFallback(base);
        for (String key : nested) {
            Config inner = completePlugin(kind, path + "." + key, blockAt(given, key, path), base.getConfig(key));
            completed = completed.withValue(key, inner.root());
        }
        return completed;
    }

    /**
     * The keys of a plugin's defaults that hold a nested plugin block of the same kind: a default block
     * with a {@code type}, e.g. {@code looped { layer { type = linear-attention } }}.
     */
    private static Set<String> nestedPluginKeys(Config defaults) {
        Set<String> keys = new TreeSet<>();
        for (String key : defaults.root().keySet()) {
            ConfigValue value = defaults.root().get(key);
            if (value.valueType() == ConfigValueType.OBJECT && ((ConfigObject) value).containsKey("type")) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The object at {@code key} of {@code parent} (null when either is absent); a value that is not an object is an error. */
    private static ConfigObject blockAt(ConfigObject parent, String key, String parentPath) {
        if (parent == null || !parent.containsKey(key)) {
            return null;
        }
        ConfigValue value = parent.get(key);
        if (value.valueType() != ConfigValueType.OBJECT) {
            String qualified = parentPath.isEmpty() ? key : parentPath + "." + key;
            throw new InvalidSettingException(qualified + " = " + value.render(ConfigRenderOptions.concise()) + " (" + Settings.describe(value.origin())
                    + "): expected an object { ... }");
        }
        return (ConfigObject) value;
    }

    /** Reports the first key of {@code given} that {@code valid} does not have, recursing into objects. */
    private static void checkKeys(ConfigObject given, ConfigObject valid, String path, Set<String> skip) {
        for (String key : new TreeSet<>(given.keySet())) {
            String qualified = path.isEmpty() ? key : path + "." + key;
            ConfigValue value = given.get(key);
            ConfigValue expected = valid.get(key);
            if (expected == null) {
                List<String> candidates = new ArrayList<>(new TreeSet<>(valid.keySet()));
                Optional<String> nearest = KeySuggestion.nearest(key, candidates);
                String prefix = path.isEmpty() ? "" : path + ".";
                throw new InvalidSettingException(qualified + " (" + Settings.describe(value.origin()) + "): unknown key."
                        + nearest.map(s -> " Did you mean " + prefix + s + "?").orElse("")
                        + " Valid keys" + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", candidates));
            }
            if (skip.contains(key)) {
                continue;
            }
            if (expected.valueType() == ConfigValueType.OBJECT) {
                if (value.valueType() != ConfigValueType.OBJECT) {
                    throw new InvalidSettingException(qualified + " (" + Settings.describe(value.origin())
                            + "): expected an object { ... }, got " + value.valueType().name().toLowerCase());
                }
                // An empty default object, like fixed = {}, takes keys the user chooses.
                if (!((ConfigObject) expected).isEmpty()) {
                    checkKeys((ConfigObject) value, (ConfigObject) expected, qualified, Set.of());
                }
            }
        }
    }
}
