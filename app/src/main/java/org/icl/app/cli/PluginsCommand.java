package org.icl.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.icl.api.plugin.Described;
import org.icl.app.wiring.PluginCatalog.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code icl plugins}: every registered type with its one-line description. */
@Command(name = "plugins", description = "List the registered task, model and trainer types.")
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Launch launch = Launch.discover();
        for (Kind kind : Kind.values()) {
            out.println(kind.key() + " types:");
            for (Map.Entry<String, ? extends Described> e : launch.catalog().of(kind).entrySet()) {
                out.printf("  %-20s %s%n", e.getKey(), e.getValue().description());
            }
        }
        return 0;
    }
}
