package org.icl.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.icl.api.plugin.Described;
import org.icl.app.wiring.PluginCatalog.Kind;
import picocli.CommandLine.Command;

/** {@code icl plugins}: every registered type with its one-line description. */
@Command(name = "plugins", description = "List the registered task, model and trainer types.")
final class PluginsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Launch launch = Launch.discover();
        for (Kind kind : Kind.values()) {
            System.out.println(kind.key() + " types:");
            for (Map.Entry<String, ? extends Described> e : launch.catalog().of(kind).entrySet()) {
                System.out.printf("  %-20s %s%n", e.getKey(), e.getValue().description());
            }
        }
        return 0;
    }
}
