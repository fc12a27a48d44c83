package org.icl.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * What this build of icl is: its version, the git commit it was built from and whether the tree
 * had uncommitted changes, as the build wrote them into {@code org/icl/app/build.properties}
 * ("unknown" where the build had no git).
 */
public record BuildInfo(String version, String commit, Optional<Boolean> dirty) {

    private static final String RESOURCE = "org/icl/app/build.properties";

    /** The build information of the classes on {@code loader}'s path. */
    public static BuildInfo of(ClassLoader loader) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String dirty = properties.getProperty("dirty", "unknown");
        return new BuildInfo(properties.getProperty("version", "unknown"), properties.getProperty("commit", "unknown"),
                dirty.equals("unknown") ? Optional.empty() : Optional.of(Boolean.parseBoolean(dirty)));
    }

    /** One line for {@code icl --version}: "icl 0.1.0 (commit 7a1e776…, uncommitted changes)". */
    public String describe() {
        String changes = dirty.map(d -> d ? ", uncommitted changes" : "").orElse(", working tree state unknown");
        return "icl " + version + " (commit " + commit + changes + ")";
    }
}
