package org.icl.app.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;

import org.icl.api.model.ModelFactory;
import org.icl.api.plugin.Described;
import org.icl.api.plugin.PluginModule;
import org.icl.api.task.TaskFactory;
import org.icl.api.train.TrainerFactory;

/**
 * Every registered task, model and trainer factory, keyed by config {@code type}: the plugin
 * modules found by {@link ServiceLoader} on a class loader, wired by one Guice injector.
 */
public final class PluginCatalog {

    /** The three kinds of plugin, named as in the config ({@code task}, {@code model}, {@code trainer}). */
    public enum Kind {
        TASK, MODEL, TRAINER;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<String, TaskFactory> tasks;
    private final Map<String, ModelFactory> models;
    private final Map<String, TrainerFactory> trainers;

    /** Discovers the plugin modules visible to {@code loader} and builds their injector. */
    public static PluginCatalog discover(ClassLoader loader) {
        List<Module> modules = new ArrayList<>();
        modules.add(new EmptyRegistries());
        ServiceLoader.load(PluginModule.class, loader).forEach(modules::add);
        return new PluginCatalog(Guice.createInjector(Stage.PRODUCTION, modules));
    }

    private PluginCatalog(Injector injector) {
        this.tasks = new TreeMap<>(injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskFactory>>() { })));
        this.models = new TreeMap<>(injector.getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() { })));
        this.trainers = new TreeMap<>(injector.getInstance(Key.get(new TypeLiteral<Map<String, TrainerFactory>>() { })));
    }

    public Map<String, TaskFactory> tasks() {
        return tasks;
    }

    public Map<String, ModelFactory> models() {
        return models;
    }

    public Map<String, TrainerFactory> trainers() {
        return trainers;
    }

    /** The factories of one kind, by type. */
    public Map<String, ? extends Described> of(Kind kind) {
        return switch (kind) {
            case TASK -> tasks;
            case MODEL -> models;
            case TRAINER -> trainers;
        };
    }

    /** Declares the three registries so that a kind with no plugins yields an empty map, not a wiring error. */
    private static final class EmptyRegistries extends AbstractModule {
        @Override
        protected void configure() {
            MapBinder.newMapBinder(binder(), String.class, TaskFactory.class);
            MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
            MapBinder.newMapBinder(binder(), String.class, TrainerFactory.class);
        }
    }
}
