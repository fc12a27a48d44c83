package org.icl.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.icl.app.study.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icl report DIR...}: a study's summary, aggregate, figures and report.html from its output directory or its shards' directories. */
@Command(name = "report", description = "Write a study's summary.csv, aggregate.csv, timings.csv, figures and report.html from its "
        + "output directory (or merge the directories of its shards) and print the table of points.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Output directories of `icl run STUDY` (one, or one per shard).")
    List<Path> directories;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Where the report goes (default: the first DIR).")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StudyReport.Written report = StudyReport.write(directories, output != null ? output : directories.get(0));
        StudyReport.print(report, out);
        out.println("trials: " + report.states());
        out.println("report: " + report.html());
        return 0;
    }
}
