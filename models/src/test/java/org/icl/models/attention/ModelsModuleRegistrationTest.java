package org.icl.models.attention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import org.icl.api.model.ModelFactory;
import org.icl.api.plugin.PluginModule;
import org.icl.models.ModelsModule;
import org.icl.models.softmax.SoftmaxAttentionFactory;
import org.junit.jupiter.api.Test;

/** Checks that the models jar registers linear-attention and softmax-attention through ServiceLoader and the Guice map binder. */
class ModelsModuleRegistrationTest {

    @Test
    void serviceLoaderAndGuiceExposeTheModels() {
        var modules = ServiceLoader.load(PluginModule.class).stream().map(ServiceLoader.Provider::get).toList();
        assertFalse(modules.isEmpty(), "no PluginModule found through META-INF/services");
        assertTrue(modules.stream().anyMatch(m -> m instanceof ModelsModule), "ModelsModule not listed: " + modules);

        Injector injector = Guice.createInjector(modules);
        Map<String, ModelFactory> factories = injector.getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() { }));
        assertTrue(factories.containsKey("linear-attention"), "registered: " + factories.keySet());
        assertInstanceOf(LinearSelfAttentionFactory.class, factories.get("linear-attention"));
        assertInstanceOf(SoftmaxAttentionFactory.class, factories.get("softmax-attention"));
    }
}
