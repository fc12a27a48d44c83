package org.icl.app.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.app.run.SafeName;

/**
 * A named set of runs that differ from a shared base: {@code base { <run config> }} and
 * {@code variants = [ { name = cot, task.cot = true }, ... ]}, run in the order listed. The study
 * engine ({@link StudyFile}) adds a sweep and seeds on top; with either of those, variants are optional.
 */
public record Study(String name, Config base, Map<String, Config> variants) {

    private static final Set<String> KEYS = Set.of("description", "base", "variants", "sweep", "seeds", "report");

    /** Reads a study from its parsed file, checking its own keys; the run keys are checked when each variant is completed. */
    public static Study from(String name, Config file) {
        for (String key : file.root().keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingException(key + " (" + Settings.describe(file.getValue(key).origin())
                        + "): unknown study key. Valid keys: base, description, report, seeds, sweep, variants");
            }
        }
        Config base = file.hasPath("base") ? new Settings(file, "").child("base").config() : ConfigFactory.empty();
        if (!file.hasPath("variants") && (file.hasPath("sweep") || file.hasPath("seeds"))) {
            // A sweep or seeds alone define the trials: one unnamed variant, the base itself.
            return new Study(name, base, Map.of("", ConfigFactory.empty()));
        }
        List<? extends ConfigObject> list;
        try {
            list = file.getObjectList("variants");
        } catch (ConfigException.Missing e) {
            throw new InvalidSettingException(name + ": a study needs variants = [ { name = ..., ... }, ... ], a sweep { ... } or seeds = [ ... ]");
        } catch (ConfigException.WrongType e) {
            throw new InvalidSettingException("variants (" + Settings.describe(file.getValue("variants").origin())
                    + "): expected a list of objects, each with a name");
        }
        if (list.isEmpty()) {
            throw new InvalidSettingException("variants (" + Settings.describe(file.getValue("variants").origin())
                    + "): the list is empty; a study needs at least one { name = ..., ... }");
        }
        Map<String, Config> variants = new LinkedHashMap<>();
        for (ConfigObject variant : list) {
            Config config = variant.toConfig();
            Settings settings = new Settings(config, "variants[" + variants.size() + "]");
            String variantName = SafeName.require(settings.string("name"), "variants[" + variants.size() + "].name",
                    settings.originOf("name"));
            if (variants.put(variantName, config.withoutPath("name")) != null) {
                throw new InvalidSettingException("variants: name '" + variantName + "' is used twice ("
                        + Settings.describe(variant.origin()) + ")");
            }
        }
        return new Study(name, base, variants);
    }

    /** The layers of one variant, strongest first: overrides, the variant, the base. */
    public List<Config> layers(String variant, Config overrides) {
        List<Config> layers = new ArrayList<>();
        layers.add(overrides);
        layers.add(variants.get(variant));
        layers.add(base);
        return layers;
    }
}
