package org.icl.app.wiring;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where a plugin module came from: the application's own class path ({@code external} false: the
 * application jar, or a module's classes folder in a development build) or a jar of a plugins folder.
 */
public record PluginOrigin(Path location, boolean external) {

    /** The jar or classes folder that {@code type} was loaded from. */
    static PluginOrigin of(Class<?> type, boolean external) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return new PluginOrigin(Path.of(type.getName()), external);
        }
        try {
            return new PluginOrigin(Path.of(source.getLocation().toURI()), external);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new PluginOrigin(Path.of(source.getLocation().getPath()), external);
        }
    }

    /**
     * The jar's path for an external plugin; for one of the application's own, "built-in (icl.jar)",
     * or in a development build the module's classes folder, "built-in (tasks/target/classes)".
     */
    @Override
    public String toString() {
        if (external) {
            return location.toString();
        }
        int names = location.getNameCount();
        Path shown = names >= 3 && location.endsWith(Path.of("target", "classes"))
                ? location.subpath(names - 3, names) : location.getFileName();
        return "built-in (" + (shown == null ? location : shown) + ")";
    }
}
