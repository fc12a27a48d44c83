package org.icl.api.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

import org.icl.api.model.ModelFactory;
import org.icl.api.task.TaskFactory;
import org.icl.api.train.TrainerFactory;

/**
 * Base of every plugin module. A jar adds plugins by subclassing this, registering factories
 * under their config {@code type}, and naming the subclass in
 * {@code META-INF/services/org.icl.api.plugin.PluginModule}; its {@code reference.conf} gives
 * each plugin's defaults under {@code icl.defaults.<kind>.<type>}.
 */
public abstract class PluginModule extends AbstractModule {

    protected final void registerTask(String type, Class<? extends TaskFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, TaskFactory.class).addBinding(type).to(factory);
    }

    protected final void registerModel(String type, Class<? extends ModelFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class).addBinding(type).to(factory);
    }

    protected final void registerTrainer(String type, Class<? extends TrainerFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, TrainerFactory.class).addBinding(type).to(factory);
    }
}
