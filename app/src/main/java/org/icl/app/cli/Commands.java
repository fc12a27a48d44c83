package org.icl.app.cli;

import org.icl.app.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** The {@code icl} command and its subcommands. */
@Command(name = "icl", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        description = "Train and compare transformers that learn multi-step algorithms (CoT, looping) on in-context tasks.",
        subcommands = {TrainCommand.class, RunCommand.class, ReportCommand.class, EvalCommand.class, PluginsCommand.class,
            HelpCommand.class})
public final class Commands {

    /** {@code icl --version}: the version and the commit this build was made from. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.of(Commands.class.getClassLoader()).describe()};
        }
    }
}
