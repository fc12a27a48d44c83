package org.icl.trainers.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.config.Settings;

/** Trainer settings as the app builds them: a plugin's shipped defaults with HOCON overrides laid on top. */
public final class TrainerSettings {

    private TrainerSettings() {
    }

    /**
     * The "trainer" block for {@code type} (adam or sgd): its reference.conf defaults under {@code overrides}, with
     * one shard unless the overrides say otherwise, so that a fake task sees one loss call per step, in order.
     */
    public static Settings of(String type, String overrides) {
        Config defaults = ConfigFactory.defaultReference().getConfig("icl.defaults.trainer." + type);
        return new Settings(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString("shards = 1"))
                .withFallback(defaults), "trainer");
    }
}
