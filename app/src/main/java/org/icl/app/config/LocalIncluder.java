package org.icl.app.config;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;

/**
 * Resolves a config's {@code include} statements to local files only. A config is a local file:
 * {@code include url(...)}, or a quoted include that is a URL, is refused rather than fetched;
 * and an included file that does not exist is an error rather than silently skipped.
 */
final class LocalIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

    /** An include statement this includer will not follow; {@code target} is what it named. */
    static final class Refused extends ConfigException.Generic {
        final String target;

        Refused(String target, String why) {
            super("include of " + target + " refused: " + why);
            this.target = target;
        }
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        // Typesafe's default includer would fetch URLs and skip missing files: it is never consulted.
        return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        if (isRemote(what)) {
            throw remote(what);
        }
        ConfigParseable relative = context.relativeTo(what);
        if (relative == null) {
            throw new Refused("\"" + what + "\"", "no such file");
        }
        return parseRequired(what, () -> relative.parse(context.parseOptions().setAllowMissing(false)));
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        return parseRequired(file.getPath(),
                () -> ConfigFactory.parseFile(file, context.parseOptions().setAllowMissing(false)).root());
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
        if (!"file".equals(url.getProtocol())) {
            throw remote("url(\"" + url + "\")");
        }
        try {
            return includeFile(context, new File(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused("url(\"" + url + "\")", "not a local file path");
        }
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
        return parseRequired("classpath(\"" + resource + "\")",
                () -> ConfigFactory.parseResources(resource, context.parseOptions().setAllowMissing(false)).root());
    }

    private static ConfigObject parseRequired(String what, java.util.function.Supplier<ConfigObject> parse) {
        try {
            return parse.get();
        } catch (ConfigException.IO e) {
            throw new Refused(what, "no such file");
        }
    }

    private static Refused remote(String what) {
        return new Refused(what, "a config may include local files only, never fetch from the network");
    }

    /** Whether a quoted include names a URL of a scheme other than file:, which Typesafe Config would fetch. */
    private static boolean isRemote(String what) {
        try {
            URI uri = new URI(what);
            return uri.getScheme() != null && uri.getScheme().length() > 1 && !uri.getScheme().equalsIgnoreCase("file");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
