package org.icl.app.wiring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.model.ModelFactory;
import org.icl.api.plugin.PluginModule;
import org.icl.api.task.TaskFactory;
import org.icl.api.train.TrainerFactory;

/**
 * Every registered task, model and trainer factory, keyed by config {@code type}, with the jar each
 * came from and the merged defaults of all of them: the plugin modules found by {@link ServiceLoader}
 * on the application's class loader and in the jars of a plugins folder, wired by one Guice injector.
 *
 * <p>Each module is first wired on its own, so that a broken module and a type registered twice are
 * reported with the jars at fault before anything else happens.
 */
public final class PluginCatalog {

    /** The three kinds of plugin, named as in the config ({@code task}, {@code model}, {@code trainer}). */
    public enum Kind {
        TASK, MODEL, TRAINER;

        /** The config key of this kind: {@code task}, {@code model} or {@code trainer}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Key<Map<String, TaskFactory>> TASKS = Key.get(new TypeLiteral<>() { });
    private static final Key<Map<String, ModelFactory>> MODELS = Key.get(new TypeLiteral<>() { });
    private static final Key<Map<String, TrainerFactory>> TRAINERS = Key.get(new TypeLiteral<>() { });

    private final Map<String, TaskFactory> tasks;
    private final Map<String, ModelFactory> models;
    private final Map<String, TrainerFactory> trainers;
    private final Map<Kind, Map<String, PluginOrigin>> origins;
    private final Config reference;
    private final PluginFolder folder;

    /** A plugin module and where it came from. */
    private record Found(PluginModule module, PluginOrigin origin) {
        String name() {
            return module.getClass().getName() + " in " + origin;
        }
    }

    /** The built-in plugins: the modules and reference.conf files visible to {@code loader}. */
    public static PluginCatalog discover(ClassLoader loader) {
        return discover(loader, PluginFolder.none());
    }

    /**
     * The built-in plugins visible to {@code loader} and those of every jar in {@code folder}.
     *
     * @throws PluginLoadingException naming the jar, for a jar that is not a plugin or cannot be loaded,
     *                                and naming both jars, for a type registered twice
     */
    public static PluginCatalog discover(ClassLoader loader, PluginFolder folder) {
        List<Found> found = new ArrayList<>();
        try {
            for (PluginModule module : ServiceLoader.load(PluginModule.class, loader)) {
                found.add(new Found(module, PluginOrigin.of(module.getClass(), false)));
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadingException("a built-in plugin module cannot be loaded: " + e.getMessage(), e);
        }
        Map<Kind, Map<String, PluginOrigin>> origins = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            origins.put(kind, new TreeMap<>());
        }
        Map<Kind, Map<String, Found>> registeredBy = new EnumMap<>(Kind.class);
        for (Found f : found) {
            register(f, typesOf(f), registeredBy, origins);
        }
        Config reference = ConfigFactory.defaultReference(loader);
        for (Path path : folder.jars()) {
            PluginJar jar = PluginJar.open(path, loader);
            Set<String> ownDefaults = new TreeSet<>();
            for (PluginModule module : jar.modules()) {
                Found f = new Found(module, new PluginOrigin(path, true));
                Map<Kind, Set<String>> types = typesOf(f);
                types.forEach((kind, names) -> names.forEach(type -> ownDefaults.add("icl.defaults." + kind.key() + "." + type)));
                register(f, types, registeredBy, origins);
                found.add(f);
            }
            // A jar's defaults only add blocks for its own types, so the order of the layers does not matter.
            reference = reference.withFallback(jar.reference(ownDefaults));
        }
        List<Module> modules = new ArrayList<>();
        modules.add(new EmptyRegistries());
        found.forEach(f -> modules.add(f.module()));
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, modules);
        } catch (CreationException e) {
            throw new PluginLoadingException("the plugin modules do not wire together (" + folder.describe() + "): "
                    + e.getMessage(), e);
        }
        return new PluginCatalog(injector, origins, reference.resolve(), folder);
    }

    private PluginCatalog(Injector injector, Map<Kind, Map<String, PluginOrigin>> origins, Config reference,
                          PluginFolder folder) {
        this.tasks = new TreeMap<>(injector.getInstance(TASKS));
        this.models = new TreeMap<>(injector.getInstance(MODELS));
        this.trainers = new TreeMap<>(injector.getInstance(TRAINERS));
        this.origins = origins;
        this.reference = reference;
        this.folder = folder;
    }

    /** Wires one module on its own and returns the types it registers, by kind; errors name its jar. */
    private static Map<Kind, Set<String>> typesOf(Found f) {
        Map<Kind, Set<String>> types = new EnumMap<>(Kind.class);
        try {
            Injector alone = Guice.createInjector(Stage.DEVELOPMENT, new EmptyRegistries(), f.module());
            types.put(Kind.TASK, new TreeSet<>(alone.getInstance(TASKS).keySet()));
            types.put(Kind.MODEL, new TreeSet<>(alone.getInstance(MODELS).keySet()));
            types.put(Kind.TRAINER, new TreeSet<>(alone.getInstance(TRAINERS).keySet()));
        } catch (CreationException | ConfigurationException | ProvisionException | LinkageError e) {
            throw new PluginLoadingException("plugin module " + f.name() + " cannot be wired: " + e.getMessage(), e);
        }
        return types;
    }

    private static void register(Found f, Map<Kind, Set<String>> types, Map<Kind, Map<String, Found>> registeredBy,
                                 Map<Kind, Map<String, PluginOrigin>> origins) {
        for (Map.Entry<Kind, Set<String>> entry : types.entrySet()) {
            Kind kind = entry.getKey();
            Map<String, Found> owners = registeredBy.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            for (String type : entry.getValue()) {
                Found earlier = owners.putIfAbsent(type, f);
                if (earlier != null) {
                    throw new PluginLoadingException(kind.key() + " type '" + type + "' is registered twice: by "
                            + earlier.name() + " and by " + f.name() + ". Remove one of the two jars.");
                }
                origins.get(kind).put(type, f.origin());
            }
        }
    }

    /** Task factories by type. */
    public Map<String, TaskFactory> tasks() {
        return tasks;
    }

    /** Model factories by type. */
    public Map<String, ModelFactory> models() {
        return models;
    }

    /** Trainer factories by type. */
    public Map<String, TrainerFactory> trainers() {
        return trainers;
    }

    /** The factories of one kind, by type. */
    public Map<String, ?> of(Kind kind) {
        return switch (kind) {
            case TASK -> tasks;
            case MODEL -> models;
            case TRAINER -> trainers;
        };
    }

    /** Where the {@code type} of {@code kind} came from. */
    public PluginOrigin origin(Kind kind, String type) {
        PluginOrigin origin = origins.get(kind).get(type);
        if (origin == null) {
            throw new IllegalArgumentException("no " + kind.key() + " type " + type);
        }
        return origin;
    }

    /**
     * The merged reference.conf of the application and of every plugin jar: run defaults under
     * {@code icl.run}, each type's defaults under {@code icl.defaults.<kind>.<type>}, with their comments.
     */
    public Config reference() {
        return reference;
    }

    /** The plugins folder the external plugins came from. */
    public PluginFolder folder() {
        return folder;
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
