package org.icl.app.wiring;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;

import org.icl.api.plugin.PluginModule;

/**
 * One jar of a plugins folder, opened by its own class loader whose parent is the application's:
 * its classes see the api and the libraries the application ships, but not other plugin jars, and
 * every error can name the jar it came from.
 */
final class PluginJar {

    static final String SERVICE_FILE = "META-INF/services/" + PluginModule.class.getName();
    private static final String REFERENCE = "reference.conf";

    private final Path path;
    private final URLClassLoader loader;

    private PluginJar(Path path, URLClassLoader loader) {
        this.path = path;
        this.loader = loader;
    }

    /** Opens {@code path}, failing with an error naming it if it is not a readable jar with a plugin service entry. */
    static PluginJar open(Path path, ClassLoader parent) {
        try (JarFile jar = new JarFile(path.toFile())) {
            if (jar.getEntry(SERVICE_FILE) == null) {
                throw new PluginLoadingException(path + " is not an icl plugin: it has no " + SERVICE_FILE
                        + " naming its PluginModule (see docs/writing-a-task-plugin.md)");
            }
        } catch (IOException e) {
            throw new PluginLoadingException(path + " is not a readable jar: " + e.getMessage(), e);
        }
        URL url;
        try {
            url = path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PluginLoadingException(path + ": " + e.getMessage(), e);
        }
        return new PluginJar(path, new URLClassLoader("plugins:" + path.getFileName(), new URL[] {url}, parent));
    }

    Path path() {
        return path;
    }

    /** The plugin modules this jar's service entry names, instantiated; errors name the jar. */
    List<PluginModule> modules() {
        List<PluginModule> modules = new ArrayList<>();
        try {
            // The loader also sees the application's own service entries; keep the jar's classes only.
            for (ServiceLoader.Provider<PluginModule> provider : ServiceLoader.load(PluginModule.class, loader)
                    .stream().toList()) {
                if (provider.type().getClassLoader() == loader) {
                    modules.add(provider.get());
                }
            }
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            throw new PluginLoadingException(path + ": cannot load its plugin modules: " + rootMessage(e), e);
        }
        if (modules.isEmpty()) {
            throw new PluginLoadingException(path + ": its " + SERVICE_FILE
                    + " names no PluginModule class of its own");
        }
        return modules;
    }

    /**
     * The jar's own reference.conf (empty if it has none), checked to declare defaults only under
     * {@code icl.defaults.<kind>.<type>} for the types the jar registers, so that a jar cannot change
     * another plugin's defaults.
     */
    Config reference(Set<String> ownDefaults) {
        URL resource = loader.findResource(REFERENCE);
        if (resource == null) {
            return ConfigFactory.empty();
        }
        Config reference;
        try {
            reference = ConfigFactory.parseURL(resource,
                    ConfigParseOptions.defaults().setOriginDescription(path.getFileName() + "!/" + REFERENCE));
        } catch (ConfigException e) {
            throw new PluginLoadingException(path + ": its " + REFERENCE + " does not parse: " + e.getMessage(), e);
        }
        if (reference.hasPath("icl")) {
            for (String key : new TreeSet<>(reference.getObject("icl").keySet())) {
                if (!key.equals("defaults")) {
                    throw foreignKey("icl." + key, reference, ownDefaults);
                }
            }
            ConfigObject defaults = reference.getObject("icl.defaults");
            for (String kind : new TreeSet<>(defaults.keySet())) {
                if (!(defaults.get(kind) instanceof ConfigObject types)) {
                    throw foreignKey("icl.defaults." + kind, reference, ownDefaults);
                }
                for (String type : new TreeSet<>(types.keySet())) {
                    String path = "icl.defaults." + kind + "." + type;
                    if (!ownDefaults.contains(path)) {
                        throw foreignKey(path, reference, ownDefaults);
                    }
                }
            }
        }
        return reference;
    }

    private PluginLoadingException foreignKey(String key, Config reference, Set<String> ownDefaults) {
        int line = reference.getValue(key).origin().lineNumber();
        return new PluginLoadingException(path + ": its " + REFERENCE + " sets " + key + " (line " + line
                + "), which is not the defaults of a type it registers; it may set only "
                + String.join(", ", ownDefaults));
    }

    /** The error and its causes on one line; a linkage error's class says more than its message (a bare class name). */
    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(e instanceof ServiceConfigurationError ? e.getMessage() : e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append(": ").append(cause);
        }
        return message.toString();
    }
}
