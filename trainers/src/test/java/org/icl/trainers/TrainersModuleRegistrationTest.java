package org.icl.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import org.icl.api.plugin.PluginModule;
import org.icl.api.train.TrainerFactory;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;

/** Checks that the trainers jar registers adam and sgd through ServiceLoader and the Guice map binder. */
class TrainersModuleRegistrationTest {

    @Test
    void serviceLoaderAndGuiceExposeBothTrainers() {
        var modules = ServiceLoader.load(PluginModule.class).stream().map(ServiceLoader.Provider::get).toList();
        assertFalse(modules.isEmpty(), "no PluginModule found through META-INF/services");
        assertTrue(modules.stream().anyMatch(m -> m instanceof TrainersModule), "TrainersModule not listed: " + modules);

        Injector injector = Guice.createInjector(modules);
        Map<String, TrainerFactory> factories =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, TrainerFactory>>() { }));
        assertEquals(Set.of("adam", "sgd"), factories.keySet());
        assertInstanceOf(AdamTrainerFactory.class, factories.get("adam"));
        assertInstanceOf(SgdTrainerFactory.class, factories.get("sgd"));
        for (var entry : factories.entrySet()) {
            // Every registered type builds from its shipped defaults alone.
            entry.getValue().create(TrainerSettings.of(entry.getKey(), ""));
        }
    }
}
