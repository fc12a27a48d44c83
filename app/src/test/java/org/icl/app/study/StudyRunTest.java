package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.icl.app.Cli;
import org.icl.app.Icl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl run STUDY} with sweeps and seeds: byte-identical summaries whatever the jobs, resume, shards, and the report's files. */
class StudyRunTest {

    @TempDir
    Path dir;

    @Test
    void summariesAreByteIdenticalAcrossRepeatsAndJobCounts() throws IOException {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID);
        Path one = run(study, "one", "--jobs", "1");
        Path two = run(study, "two", "--jobs", "2");
        Path again = run(study, "again", "--jobs", "1");
        for (String file : List.of("summary.csv", "aggregate.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file + ": jobs 1 vs 2");
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(again.resolve(file)), file + ": repeated");
        }
        List<String> summary = Files.readAllLines(one.resolve("summary.csv"));
        assertEquals(9, summary.size(), "a header and one row per trial");
        assertTrue(summary.get(0).startsWith("trial,task.k,task.cot,seed,state,metrics.eval_loss,"), summary.get(0));
        assertFalse(summary.get(0).contains("seconds"), "timings stay out of the summary: " + summary.get(0));
        assertTrue(summary.get(1).startsWith("k=2_cot=true_seed=1,2,true,1,completed,"), summary.get(1));
        assertTrue(Files.readString(one.resolve("timings.csv")).startsWith("trial,metrics.train_seconds,"));
        // seeds differ, so their losses do; the same seed with and without CoT shares evaluation prompts
        assertFalse(cell(summary, 1, 5).equals(cell(summary, 2, 5)));
    }

    @Test
    void rerunSkipsCompleteTrialsAndSameSummaryComesOut() throws IOException {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID);
        Path out = run(study, "out", "--jobs", "2");
        byte[] summary = Files.readAllBytes(out.resolve("summary.csv"));
        long stamp = Files.getLastModifiedTime(out.resolve("k=2_cot=true_seed=1/result.json")).toMillis();
        Cli.Result rerun = Cli.run("run", study.toString(), "-o", out.toString(), "-q");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("8 trial(s) skipped"), rerun.out());
        assertEquals(stamp, Files.getLastModifiedTime(out.resolve("k=2_cot=true_seed=1/result.json")).toMillis());
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.csv")));
    }

    @Test
    void shardsMergeIntoTheUnshardedSummary() throws IOException {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID);
        Path whole = run(study, "whole", "--jobs", "2");
        Path shared = dir.resolve("shared");
        for (int i = 0; i < 3; i++) {
            run(study, "shared", "--shard", i + "/3", "--jobs", "1");
            run(study, "shard" + i, "--shard", i + "/3", "--jobs", "1");
        }
        Cli.Result report = Cli.run("report", shared.toString());
        assertEquals(0, report.exitCode(), report.toString());
        Path merged = dir.resolve("merged");
        Cli.Result mergedReport = Cli.run("report", dir.resolve("shard0").toString(), dir.resolve("shard1").toString(),
                dir.resolve("shard2").toString(), "-o", merged.toString());
        assertEquals(0, mergedReport.exitCode(), mergedReport.toString());
        for (String file : List.of("summary.csv", "aggregate.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(shared.resolve(file)), file + " (shared dir)");
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(merged.resolve(file)), file + " (merged dirs)");
        }
        // one shard alone knows the whole study and marks the other shards' trials missing
        List<String> partial = Files.readAllLines(dir.resolve("shard1/summary.csv"));
        assertEquals(9, partial.size());
        assertEquals(3, partial.stream().filter(l -> l.contains(",completed,")).count(), "trials 1, 4, 7 of 8");
        assertEquals(5, partial.stream().filter(l -> l.contains(",missing")).count());
    }

    @Test
    void threeInvalidPointsAreReportedTogetherBeforeAnythingRuns() throws IOException {
        Path study = Cli.write(dir, "bad.conf", TinyStudy.BASE
                + "sweep {\n  mode = zip\n  axes {\n"
                + "    task.k = [0, 2, 2, 2]\n"
                + "    task.eta = [0.3, -1, 0.3, 0.3]\n"
                + "    trainer.learning-rate = [0.01, 0.01, -5, 0.01]\n"
                + "  }\n}\nseeds = [1, 2]\n");
        Cli.Result result = Cli.run("run", study.toString(), "-o", dir.resolve("out").toString(), "-q");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("3 of 4 points of study bad are invalid; nothing was run"), result.err());
        assertTrue(result.err().contains("k=0_eta=0.3_learning-rate=0.01: task.k = 0 ("), result.err());
        assertTrue(result.err().contains("bad.conf:9)"), result.err());
        assertTrue(result.err().contains("bad.conf:10): expected a number > 0"), result.err());
        assertTrue(result.err().contains("trainer.learning-rate = -5 ("), result.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may run or be written");
    }

    @Test
    void theReportIsSelfContainedWithPlotsInPngAndSvg() throws Exception {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID + "report { heatmaps = true }\n");
        Path out = run(study, "out", "--jobs", "2");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.matches("(?s).*(src|href)=\"(?!data:).*"), "report.html refers to no file or address");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched from a network");
        // the loss figure and the learning curves (8 trials), and two heatmaps per trial
        assertEquals(2 + 16, html.split("src=\"data:image/png;base64,", -1).length - 1);
        assertTrue(html.contains("Points (aggregate.csv)") && html.contains("k=4_cot=false_seed=2"));
        assertTrue(ImageIO.read(out.resolve("figures/metrics.eval_loss.png").toFile()).getWidth() > 100);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(out.resolve("figures/metrics.eval_loss.svg").toFile())
                .getDocumentElement().getNodeName());
        assertTrue(Files.isRegularFile(out.resolve("learning-curves.png")));
    }

    @Test
    void aggregateHoldsTheMeanAndStudentTIntervalOverSeeds() throws IOException {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID);
        Path out = run(study, "out", "--jobs", "2");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        List<String> aggregate = Files.readAllLines(out.resolve("aggregate.csv"));
        List<String> header = List.of(aggregate.get(0).split(","));
        assertEquals(List.of("task.k", "task.cot", "trials", "failed", "metrics.eval_loss_mean", "metrics.eval_loss_ci95_low",
                "metrics.eval_loss_ci95_high"), header.subList(0, 7));
        assertEquals(5, aggregate.size(), "one row per point");
        // point k=2, cot=true: summary rows 1 and 2 (seeds 1 and 2)
        double a = Double.parseDouble(cell(summary, 1, 5));
        double b = Double.parseDouble(cell(summary, 2, 5));
        double mean = (a + b) / 2;
        // t(0.975, 1 degree of freedom) = 12.7062; s/sqrt(2) = |a - b| / 2
        double half = 12.7062047 * Math.abs(a - b) / 2;
        String[] row = aggregate.get(1).split(",");
        assertEquals("2", row[0]);
        assertEquals("true", row[1]);
        assertEquals("2", row[2]);
        assertEquals(mean, Double.parseDouble(row[4]), 1e-12);
        assertEquals(mean - half, Double.parseDouble(row[5]), 1e-6 * half);
        assertEquals(mean + half, Double.parseDouble(row[6]), 1e-6 * half);
    }

    @Test
    void trialDirectoriesStayInsideTheOutputWhateverTheSweepLabels() throws IOException {
        // A variant's own name must already be safe (refused otherwise, see BadInputTest); labels are made safe.
        Path study = Cli.write(dir, "names.conf", TinyStudy.BASE
                + "sweep {\n  axes { \"task.k\" = [1, 2, 3] }\n"
                + "  labels { \"task.k\" = [\"../../escape\", \"a/b c\", \"a-b-c\"] }\n}\n");
        Path out = dir.resolve("deep/out");
        Cli.Result result = Cli.run("run", study.toString(), "-o", out.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Files.isDirectory(out.resolve("k=..-..-escape")), "the label, made safe");
        try (Stream<Path> names = Files.list(out)) {
            assertEquals(2, names.filter(p -> p.getFileName().toString().matches("k=a-b-c-[0-9a-f]{8}")).count(),
                    "names that collide once made safe get a hash of their trial");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.filter(p -> p.getFileName().toString().equals("result.json")).allMatch(p -> p.startsWith(out)));
        }
    }

    @Test
    void zipPairsValuesAndLabelsNameThemAndNestedKeysAndTypesCanBeSwept() throws IOException {
        Path study = Cli.write(dir, "zip.conf", TinyStudy.BASE
                + "sweep {\n  mode = zip\n  axes {\n"
                + "    \"task.eval-covariance\" = [[1, 1, 1], [1, 0.5, 0.25]]\n"
                + "    trainer.type = [adam, sgd]\n"
                + "    \"model.init-scale\" = [0.05, 0.1]\n"
                + "  }\n  labels { \"task.eval-covariance\" = [1, 4] }\n}\n");
        Path out = run(study, "out", "--jobs", "2");
        assertTrue(Files.isDirectory(out.resolve("eval-covariance=1_trainer.type=adam_init-scale=0.05")));
        Path second = out.resolve("eval-covariance=4_trainer.type=sgd_init-scale=0.1");
        String config = Files.readString(second.resolve("config.conf"));
        assertTrue(config.contains("0.25") && config.contains("type=sgd") && config.contains("init-scale=0.1"), config);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, summary.size(), "zip: two points");
        assertTrue(summary.get(0).startsWith("trial,task.eval-covariance,trainer.type,model.init-scale,seed,state,"));
        assertTrue(summary.get(2).startsWith("eval-covariance=4_trainer.type=sgd_init-scale=0.1,4,sgd,0.1,1,completed,"));
    }

    @Test
    void anOverrideOfASweptKeyOrOtherSettingsInTheSameDirectoryAreRefused() throws IOException {
        Path study = Cli.write(dir, "grid.conf", TinyStudy.GRID);
        Cli.Result swept = Cli.run("run", study.toString(), "-o", dir.resolve("x").toString(), "-q", "--set", "task.k=3");
        assertEquals(Icl.BAD_INPUT, swept.exitCode(), swept.toString());
        assertTrue(swept.err().contains("--set task.k: the study sweeps task.k"), swept.err());
        Path out = run(study, "out", "--jobs", "2");
        Cli.Result other = Cli.run("run", study.toString(), "-o", out.toString(), "-q", "--set", "trainer.steps=6");
        assertEquals(Icl.BAD_INPUT, other.exitCode(), other.toString());
        assertTrue(other.err().contains("holds results of other settings"), other.err());
        Cli.Result badShard = Cli.run("run", study.toString(), "-o", out.toString(), "-q", "--shard", "3/3");
        assertEquals(Icl.BAD_INPUT, badShard.exitCode(), badShard.toString());
    }

    @Test
    void aTrialThatDivergesIsRecordedAsFailedAndTheOthersComplete() throws IOException {
        Path study = Cli.write(dir, "lr.conf", TinyStudy.BASE
                + "sweep.axes { trainer.type = [sgd], trainer.learning-rate = [0.01, 1e6] }\n");
        Path out = dir.resolve("out");
        Cli.Result result = Cli.run("run", study.toString(), "-o", out.toString(), "-q", "--jobs", "2");
        assertEquals(Icl.RUN_FAILED, result.exitCode(), result.toString());
        assertTrue(result.err().contains("icl: trial learning-rate=1000000_trainer.type=sgd: training diverged"), result.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(summary.get(1).contains(",completed,") && summary.get(2).contains(",failed"), String.join("\n", summary));
        // the failure is the trial's result: a rerun does not repeat it
        Cli.Result rerun = Cli.run("run", study.toString(), "-o", out.toString(), "-q");
        assertTrue(rerun.out().contains("2 trial(s) skipped"), rerun.toString());
    }

    private Path run(Path study, String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = Stream.concat(Stream.of("run", study.toString(), "-o", out.toString(), "-q"), Stream.of(options))
                .toArray(String[]::new);
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result.toString());
        return out;
    }

    private static String cell(List<String> csv, int row, int column) {
        return csv.get(row).split(",")[column];
    }
}
