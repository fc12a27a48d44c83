package org.icl.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code icl} command and its subcommands. */
@Command(name = "icl", mixinStandardHelpOptions = true, version = "icl 0.1.0",
        description = "Train and compare transformers that learn multi-step algorithms (CoT, looping) on in-context tasks.",
        subcommands = {TrainCommand.class, RunCommand.class, EvalCommand.class, PluginsCommand.class, BenchCommand.class, HelpCommand.class})
public final class Commands {
}
