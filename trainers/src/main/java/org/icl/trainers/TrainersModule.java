package org.icl.trainers;

import org.icl.api.plugin.PluginModule;

/** Registers the built-in trainer plugins. */
public final class TrainersModule extends PluginModule {

    @Override
    protected void configure() {
        registerTrainer("adam", AdamTrainerFactory.class);
        registerTrainer("sgd", SgdTrainerFactory.class);
    }
}
