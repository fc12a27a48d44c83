package org.icl.api.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

import org.icl.api.model.ModelFactory;
import org.icl.api.task.TaskFactory;
import org.icl.api.train.TrainerFactory;

/**
 * Base of every plugin module: the one class of a plugin jar the application looks for.
 *
 * <p>A jar adds plugins by subclassing this (with a public no-argument constructor), registering
 * each factory under its config {@code type} in {@link #configure()}, and naming the subclass in
 * the jar's {@code META-INF/services/org.icl.api.plugin.PluginModule}. The application finds it
 * with {@link java.util.ServiceLoader}, on its class path or in a plugins folder, and builds one
 * Guice injector from all modules, so a factory may take constructor-injected dependencies (for
 * example {@code Map<String, ModelFactory>}, every registered model factory by type).
 *
 * <p>The jar's {@code reference.conf} declares, for each registered type, every setting with its
 * default under {@code icl.defaults.<task|model|trainer>.<type>}; the {@code # comment} directly
 * above the type's block describes the type (its first line is the one-line summary) and the
 * comment directly above each setting describes the setting. These comments are the only
 * documentation of a plugin: {@code icl plugins TYPE} prints them.
 *
 * <p>As for any Guice module: no conditional logic and no I/O in {@code configure()}, and no
 * static mutable state. A type registered by two modules stops the application at start-up.
 */
public abstract class PluginModule extends AbstractModule {

    /** Registers a task factory under {@code type}, the value of {@code task.type} that selects it. */
    protected final void registerTask(String type, Class<? extends TaskFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, TaskFactory.class).addBinding(type).to(factory);
    }

    /** Registers a model factory under {@code type}, the value of {@code model.type} that selects it. */
    protected final void registerModel(String type, Class<? extends ModelFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class).addBinding(type).to(factory);
    }

    /** Registers a trainer factory under {@code type}, the value of {@code trainer.type} that selects it. */
    protected final void registerTrainer(String type, Class<? extends TrainerFactory> factory) {
        MapBinder.newMapBinder(binder(), String.class, TrainerFactory.class).addBinding(type).to(factory);
    }
}
