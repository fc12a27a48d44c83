package org.icl.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;

import org.icl.api.train.RunContext;
import org.icl.app.bench.AlternatingPairs;
import org.icl.app.bench.KernelArithmetic;
import org.icl.app.bench.PeerProcess;
import org.icl.app.bench.PowerLawFit;
import org.icl.app.bench.SameInputsCheck;
import org.icl.app.bench.Timing;
import org.icl.app.wiring.PluginFolder;
import org.icl.app.config.RunConfigLoader;
import org.icl.app.run.RunPlan;
import org.icl.app.study.Study;
import org.ojalgo.matrix.store.R064Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code icl bench}: our training steps against the PyTorch peers', alternately in one process: the
 * CoT and no-CoT weight-prediction steps at the default study's setting and the softmax-attention step
 * on backward tree path-finding at the tree-backward study's; plus a same-inputs check of loss and
 * gradients for each, a large product as the machine's practical peak, the growth of time per step
 * with batch and k, and peak memory.
 */
@Command(name = "bench", description = "Time our training steps against the PyTorch peers, side by side.")
final class BenchCommand implements Callable<Integer> {

    private static final int D = 10;
    private static final int N = 20;
    private static final int K = 20;
    private static final int BATCH = 256;
    private static final long SEED = 1;
    private static final String COT = "cot";
    private static final String NO_COT = "no-cot";
    private static final String SOFTMAX = "softmax";
    private static final List<String> PARTS = List.of(COT, NO_COT, SOFTMAX);
    /** The tree-backward study's variant whose training step the softmax part times. */
    private static final String TREE_VARIANT = "cross-entropy";
    /** Scale of the random key-query and readout matrices in the softmax check (trained from zero, they would give no gradient to the key-query matrix). */
    private static final double CHECK_INIT_SCALE = 0.3;

    @Spec
    CommandSpec spec;

    @Option(names = "--parts", split = ",", description = "Steps to compare, of cot, no-cot, softmax (default: all).")
    List<String> parts = PARTS;

    @Option(names = "--pairs", description = "Alternating timings of ours and the peer per step kind (default: ${DEFAULT-VALUE}).")
    int pairs = 5;

    @Option(names = "--threads", description = "Threads for ours and for the peer (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--seconds", description = "Target length of each timing (default: ${DEFAULT-VALUE}).")
    double seconds = 2.0;

    @Option(names = "--python", description = "Python with PyTorch (default: /usr/bin/python3 if present, else python3).")
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @Option(names = "--peers", description = "Folder of the peer scripts (default: bench/peer of this checkout).")
    Path peerFolder;

    @Option(names = "--no-scaling", description = "Skip the timings against batch size and k.")
    boolean noScaling;

    private Launch launch;

    @Override
    public Integer call() throws IOException {
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new ParameterException(spec.commandLine(), "--parts: unknown part '" + part + "'; valid: " + String.join(", ", PARTS));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        launch = Launch.discover(PluginFolder.none());
        Path home = Path.of(System.getProperty("icl.home", "."));
        Path peers = peerFolder != null ? peerFolder : home.resolve("bench").resolve("peer");
        boolean weights = parts.contains(COT) || parts.contains(NO_COT);
        boolean trees = parts.contains(SOFTMAX);
        Study defaultStudy = Study.from("default", RunCommand.builtIn());
        Study treeStudy = trees ? Study.from("tree-backward", RunConfigLoader.parseFile(home.resolve("studies").resolve("tree-backward.conf"))) : null;
        PeerDependencies.ensure(python, out);
        try (PeerProcess weightPeer = weights ? new PeerProcess(python, peers.resolve("weight_prediction.py"), threads,
                     List.of("--d", "" + D, "--n", "" + N)) : null;
             PeerProcess treePeer = trees ? new PeerProcess(python, peers.resolve("tree_path.py"), threads, List.of()) : null) {
            PeerProcess first = weights ? weightPeer : treePeer;
            out.printf("icl bench: %s; batch %d, float64, Adam; %d threads each; peer: PyTorch %s (%d threads, OMP_WAIT_POLICY=%s)%n",
                    describe(weights, trees), BATCH, threads, first.hello().get("torch").asText(),
                    first.hello().get("threads").asInt(), first.waitPolicy());
            out.printf("machine: %d processors, load average %s (other processes share them: compare ratios, not absolute figures)%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            out.flush();
            List<Comparison> comparisons = new ArrayList<>();
            for (String part : parts) {
                comparisons.add(part.equals(SOFTMAX) ? softmax(treePeer, treeStudy) : weightPrediction(weightPeer, defaultStudy, part.equals(COT)));
            }
            boolean passed = true;
            Path file = Files.createTempFile("icl-bench-check", ".json");
            try {
                for (Comparison comparison : comparisons) {
                    passed &= check(comparison, file, out);
                }
            } finally {
                Files.deleteIfExists(file);
            }
            double ojalgo = largeProduct(1000, 3);
            double torch = first.ask("matmul 1000 3").get("gflops").asDouble();
            out.printf("large matrix product 1000x1000: ojAlgo %.1f GFLOP/s, peer torch.mm %.1f GFLOP/s%n", ojalgo, torch);
            out.flush();
            for (Comparison comparison : comparisons) {
                compare(comparison, ojalgo, out);
            }
            if (!noScaling && parts.contains(COT)) {
                scaling(defaultStudy, out);
            }
            out.printf("peak resident memory: ours %.0f MiB%s%s%n", peakResidentMib(),
                    weights ? String.format(", weight-prediction peer %.0f MiB", weightPeer.ask("memory").get("peak_mib").asDouble()) : "",
                    trees ? String.format(", tree-path peer %.0f MiB", treePeer.ask("memory").get("peak_mib").asDouble()) : "");
            return passed ? 0 : 1;
        }
    }

    private static String describe(boolean weights, boolean trees) {
        List<String> settings = new ArrayList<>();
        if (weights) {
            settings.add(String.format("weight prediction d=%d n=%d k=%d, linear attention", D, N, K));
        }
        if (trees) {
            settings.add("tree path-finding backward, depth 4, S=31, softmax attention with one head, cross-entropy");
        }
        return String.join("; ", settings);
    }

    /** The CoT or no-CoT weight-prediction step: our default study's variant, the peer's einsum version. */
    private Comparison weightPrediction(PeerProcess peer, Study study, boolean cot) {
        String label = cot ? COT : NO_COT;
        IntFunction<RunPlan> plan = steps -> plan(study, cot ? "cot" : "no-cot", steps, BATCH, K, List.of());
        return new Comparison(label, peer, plan, plan.apply(1), Map.of("cot", cot, "k", K),
                steps -> peerTiming(peer, "train " + (cot ? "cot" : "nocot") + " " + steps + " " + BATCH + " " + K),
                KernelArithmetic.flopsPerStep(D, N, K, BATCH, cot), 5);
    }

    /** The softmax-attention step on backward tree paths: the tree-backward study's cross-entropy variant, the peer's tree_path.py. */
    private Comparison softmax(PeerProcess peer, Study study) {
        List<String> tiny = List.of("task.eval-trees=1");
        List<String> random = List.of("task.eval-trees=1", "model.key-query-init=gaussian", "model.readout-init=gaussian",
                "model.init-scale=" + CHECK_INIT_SCALE);
        return new Comparison(SOFTMAX, peer, steps -> plan(study, TREE_VARIANT, steps, BATCH, 0, tiny),
                plan(study, TREE_VARIANT, 1, BATCH, 0, random), Map.of(),
                steps -> peerTiming(peer, "train " + steps + " " + BATCH), Double.NaN, 3);
    }

    private boolean check(Comparison comparison, Path file, PrintWriter out) {
        RunPlan plan = comparison.checked();
        SameInputsCheck.Result result = SameInputsCheck.run(comparison.peer(), plan.task(), plan.model(), BATCH, SEED,
                comparison.checkExtras(), file);
        boolean ok = result.worst() <= 1e-9;
        StringBuilder line = new StringBuilder();
        result.relativeDifferences().forEach((name, value) -> line.append(String.format(" %s %.1e", name, value)));
        out.printf("check %-7s same inputs as the peer, relative difference:%s  %s%n", comparison.label(), line,
                ok ? "OK (<= 1e-9)" : "FAILED (> 1e-9)");
        out.flush();
        return ok;
    }

    /** Alternating timings of ours and the peer for one step kind, then the median ratios. */
    private void compare(Comparison comparison, double peak, PrintWriter out) {
        String label = comparison.label();
        AlternatingPairs.Result result = AlternatingPairs.run(steps -> ours(comparison.ours().apply(steps), steps), 50,
                comparison.peerSteps(), comparison.peerLeast(), pairs, seconds, (i, pair) -> {
                    if (i == 0) {
                        out.printf("%s training, alternating; steps/s, and CPU ms per step of all threads:%n", label);
                    }
                    out.printf("  pair %d: ours %8.1f steps/s %6.2f ms CPU | peer %7.1f steps/s %7.2f ms CPU | ratio %6.2f, CPU %6.2f%n",
                            i + 1, pair.ours().stepsPerSecond(), pair.ours().cpuMillisPerStep(), pair.peer().stepsPerSecond(),
                            pair.peer().cpuMillisPerStep(), pair.ratio(), pair.cpuRatio());
                    out.flush();
                });
        double oursMedian = result.medianOurs();
        out.printf("%s median ratio ours/peer %.2f in steps/s (ours %.1f, peer %.1f; %d and %d steps per timing), %.2f in CPU time per step",
                label, result.medianRatio(), oursMedian, result.medianPeer(), result.oursSteps(), result.peerSteps(), result.medianCpuRatio());
        double flops = comparison.flopsPerStep();
        if (!Double.isNaN(flops)) {
            out.printf("; our attention kernels %.1f MFLOP/step = %.2f GFLOP/s, %.0f%% of the large product",
                    flops / 1e6, flops * oursMedian / 1e9, 100 * flops * oursMedian / 1e9 / peak);
        }
        out.println();
        out.flush();
    }

    /** Process CPU time per step (all threads; what the scheduler gives us does not enter), the least of three timings. */
    private void scaling(Study study, PrintWriter out) {
        int[] batches = {64, 128, 256, 512, 1024};
        double[] perStep = new double[batches.length];
        for (int i = 0; i < batches.length; i++) {
            perStep[i] = cpuPerStep(study, batches[i], K);
        }
        out.printf("cot CPU time per step against batch %s: %s ms; fitted exponent %.2f%n", Arrays.toString(batches),
                milliseconds(perStep), PowerLawFit.exponent(toDoubles(batches), perStep));
        int[] ks = {5, 10, 20, 40};
        double[] perK = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            perK[i] = cpuPerStep(study, BATCH, ks[i]);
        }
        out.printf("cot CPU time per step against k %s: %s ms; fitted exponent %.2f%n", Arrays.toString(ks),
                milliseconds(perK), PowerLawFit.exponent(toDoubles(ks), perK));
        out.flush();
    }

    private double cpuPerStep(Study study, int batch, int k) {
        double rate = ours(plan(study, "cot", 30, batch, k, List.of()), 30).stepsPerSecond();
        int steps = Math.max(30, (int) (rate * seconds / 3));
        double best = Double.POSITIVE_INFINITY;
        for (int repeat = 0; repeat < 3; repeat++) {
            RunPlan plan = plan(study, "cot", steps, batch, k, List.of());
            long start = processCpuNanos();
            plan.trainer().train(plan.task(), plan.model(), RunContext.inMemory(SEED));
            best = Math.min(best, (processCpuNanos() - start) / 1e9 / steps);
        }
        return best;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Our trainer over the plan's {@code steps} steps: its own steps per second (evaluation excluded) and the process's CPU time per step. */
    private static Timing ours(RunPlan plan, int steps) {
        long start = processCpuNanos();
        double rate = plan.trainer().train(plan.task(), plan.model(), RunContext.inMemory(SEED)).stepsPerSecond();
        return new Timing(rate, (processCpuNanos() - start) / 1e6 / steps);
    }

    private static Timing peerTiming(PeerProcess peer, String command) {
        JsonNode reply = peer.ask(command);
        return new Timing(reply.get("steps").asDouble() / reply.get("seconds").asDouble(),
                reply.get("cpu_seconds").asDouble() * 1e3 / reply.get("steps").asDouble());
    }

    /** A study's variant with bench sizes (k only where it is above 0); evaluation cut to a single monitor prompt at the end. */
    private RunPlan plan(Study study, String variant, int steps, int batch, int k, List<String> extra) {
        List<String> settings = new ArrayList<>(List.of("trainer.steps=" + steps, "trainer.batch-size=" + batch,
                "trainer.eval-every=0", "trainer.monitor-prompts=1", "trainer.threads=" + threads));
        if (k > 0) {
            settings.addAll(List.of("task.k=" + k, "task.eval-prompts=100"));
        }
        settings.addAll(extra);
        Config overrides = RunConfigLoader.parseOverrides(settings);
        return RunPlan.assemble(variant, launch.loader().complete(study.layers(variant, overrides)), launch.catalog());
    }

    private static double largeProduct(int size, int repeats) {
        SplittableRandom random = new SplittableRandom(SEED);
        R064Store a = R064Store.FACTORY.make(size, size);
        R064Store b = R064Store.FACTORY.make(size, size);
        R064Store c = R064Store.FACTORY.make(size, size);
        for (int i = 0; i < size * size; i++) {
            a.data[i] = random.nextGaussian();
            b.data[i] = random.nextGaussian();
        }
        c.fillByMultiplying(a, b);
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            c.fillByMultiplying(a, b);
        }
        return 2.0 * size * size * (double) size * repeats / (System.nanoTime() - start);
    }

    /** The process's peak resident set (VmHWM), in MiB; NaN where /proc is not available. */
    private static double peakResidentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The 1-minute load average from /proc/loadavg, or "unknown". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static double[] toDoubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static String milliseconds(double[] seconds) {
        StringBuilder s = new StringBuilder();
        for (double v : seconds) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%.2f", v * 1e3));
        }
        return s.toString();
    }
}
