package org.icl.app.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.icl.app.BuildInfo;
import org.icl.trainers.loop.RunFiles;

/**
 * Where a result came from, recorded in every result.json: the framework version and the commit it
 * was built from (and whether that tree had uncommitted changes), the Java runtime, the threads the
 * run could use and its root seed. The config itself is config.conf beside it.
 */
public record Provenance(BuildInfo build, String javaVersion, String javaRuntime, int threads, long seed) {

    /** The provenance of a run in this JVM. */
    public static Provenance of(int threads, long seed) {
        return new Provenance(BuildInfo.of(Provenance.class.getClassLoader()), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"), threads, seed);
    }

    /** The {@code provenance} object of result.json; git_dirty is null when the build could not tell. */
    public Map<String, Object> content() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("framework_version", build.version());
        content.put("git_commit", build.commit());
        content.put("git_dirty", build.dirty().orElse(null));
        content.put("java_version", javaVersion);
        content.put("java_runtime", javaRuntime);
        content.put("threads", threads);
        content.put("seed", seed);
        content.put("config", RunFiles.CONFIG);
        return content;
    }
}
