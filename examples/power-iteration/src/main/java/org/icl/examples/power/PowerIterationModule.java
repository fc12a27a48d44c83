package org.icl.examples.power;

import org.icl.api.plugin.PluginModule;

/** Registers the example task {@code power-iteration}; named in META-INF/services/org.icl.api.plugin.PluginModule. */
public final class PowerIterationModule extends PluginModule {

    @Override
    protected void configure() {
        registerTask("power-iteration", PowerIterationFactory.class);
    }
}
