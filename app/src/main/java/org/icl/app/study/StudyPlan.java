package org.icl.app.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;

import org.icl.api.config.InvalidSettingException;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunPlan;
import org.icl.app.wiring.PluginCatalog;

/**
 * A study expanded into its trials (variants × sweep points × seeds, in that order of nesting), every
 * one resolved and validated before anything runs; all invalid points are reported together.
 */
public record StudyPlan(StudyFile file, List<Trial> trials) {

    public StudyPlan {
        trials = List.copyOf(trials);
    }

    /**
     * Expands {@code file} with {@code overrides} ({@code --set}, strongest) over every trial. Each trial's
     * layers, strongest first: overrides, its seed, its point, its variant, the base.
     *
     * @throws InvalidSettingException listing every invalid point, or an override that fights the sweep
     */
    public static StudyPlan expand(StudyFile file, Config overrides, RunConfigLoader loader, PluginCatalog catalog) {
        for (String key : file.sweep().keys()) {
            if (overrides.hasPath(key)) {
                throw new InvalidSettingException("--set " + key + ": the study sweeps " + key + "; an override would make its points equal");
            }
        }
        if (!file.seeds().isEmpty() && overrides.hasPath("seed")) {
            throw new InvalidSettingException("--set seed: the study lists seeds = " + file.seeds() + "; an override would make its trials equal");
        }
        Map<String, String> shortKeys = TrialNames.shortKeys(file.sweep().keys());
        List<Long> seeds = file.seeds().isEmpty() ? java.util.Collections.singletonList(null) : file.seeds();
        List<String> errors = new ArrayList<>();
        int points = 0;
        List<Trial> trials = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        for (Map.Entry<String, Config> variant : file.study().variants().entrySet()) {
            for (Point point : file.sweep().points()) {
                points++;
                String pointName = TrialNames.pointName(variant.getKey(), point, shortKeys);
                try {
                    boolean first = true;
                    for (Long seed : seeds) {
                        List<Config> layers = file.study().layers(variant.getKey(), overrides);
                        // between the overrides and the variant: the trial's seed, then its point
                        layers.add(1, point.layer());
                        layers.add(1, seed == null ? ConfigFactory.empty() : ConfigFactory.empty().withValue("seed",
                                com.typesafe.config.ConfigValueFactory.fromAnyRef(seed, "study seeds")));
                        Config complete = loader.complete(layers);
                        String name = TrialNames.trialName(pointName, seed);
                        if (first) {
                            // building the components reads every setting with its range checks; seeds change no setting's validity
                            RunPlan.assemble(name, complete, catalog);
                            first = false;
                        }
                        String rendered = render(complete);
                        trials.add(new Trial(trials.size(), name, variant.getKey(), point, complete.getLong("seed"), complete,
                                TrialNames.sha256(rendered)));
                        names.add(name);
                        identities.add(variant.getKey() + "\u0000" + point.labels() + "\u0000" + seed);
                    }
                } catch (InvalidSettingException e) {
                    errors.add((pointName.isEmpty() ? "base" : pointName) + ": " + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            String header = errors.size() == 1 && points == 1 ? "" : errors.size() + " of " + points
                    + " points of study " + file.name() + " are invalid; nothing was run:\n  ";
            throw new InvalidSettingException(header + String.join("\n  ", errors));
        }
        List<String> unique = TrialNames.unique(names, identities);
        List<Trial> named = new ArrayList<>();
        for (Trial t : trials) {
            named.add(new Trial(t.position(), unique.get(t.position()), t.variant(), t.point(), t.seed(), t.config(), t.configHash()));
        }
        return new StudyPlan(file, named);
    }

    /** The trials of one shard, in study order. */
    public List<Trial> shard(Shard shard) {
        return trials.stream().filter(t -> shard.contains(t.position())).toList();
    }

    /** Trials by name. */
    public Map<String, Trial> byName() {
        Map<String, Trial> byName = new LinkedHashMap<>();
        trials.forEach(t -> byName.put(t.name(), t));
        return byName;
    }

    /** The config as config.conf shows it; its hash identifies the trial's settings. */
    static String render(Config complete) {
        return complete.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
