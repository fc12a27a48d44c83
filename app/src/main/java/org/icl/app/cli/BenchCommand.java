package org.icl.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;

import org.icl.api.train.RunContext;
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
import picocli.CommandLine.Spec;

/**
 * {@code icl bench}: our training steps against the PyTorch peer's, alternately in one process, at
 * the default study's setting; plus a same-inputs check of loss and gradients, a large product as
 * the machine's practical peak, the growth of time per step with batch and k, and peak memory.
 */
@Command(name = "bench", description = "Time our CoT and no-CoT training steps against the PyTorch peer, side by side.")
final class BenchCommand implements Callable<Integer> {

    private static final int D = 10;
    private static final int N = 20;
    private static final int K = 20;
    private static final int BATCH = 256;
    private static final long SEED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", description = "Alternating timings of ours and the peer per step kind (default: ${DEFAULT-VALUE}).")
    int pairs = 5;

    @Option(names = "--threads", description = "Threads for ours and for the peer (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--seconds", description = "Target length of each timing (default: ${DEFAULT-VALUE}).")
    double seconds = 2.0;

    @Option(names = "--python", description = "Python with PyTorch (default: /usr/bin/python3 if present, else python3).")
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @Option(names = "--peer", description = "The peer script (default: bench/peer/weight_prediction.py of this checkout).")
    Path peerScript;

    @Option(names = "--no-scaling", description = "Skip the timings against batch size and k.")
    boolean noScaling;

    private Launch launch;
    private Study study;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        launch = Launch.discover(PluginFolder.none());
        study = Study.from("default", RunCommand.builtIn());
        Path script = peerScript != null ? peerScript
                : Path.of(System.getProperty("icl.home", "."), "bench", "peer", "weight_prediction.py");
        PeerDependencies.ensure(python, out);
        try (PeerProcess peer = new PeerProcess(python, script, threads, List.of("--d", "" + D, "--n", "" + N))) {
            out.printf("icl bench: weight prediction d=%d n=%d k=%d, batch %d, float64, Adam; %d threads each; peer: PyTorch %s (%d threads, OMP_WAIT_POLICY=%s)%n",
                    D, N, K, BATCH, threads, peer.hello().get("torch").asText(), peer.hello().get("threads").asInt(), peer.waitPolicy());
            out.printf("machine: %d processors, load average %s (other processes share them: compare ratios, not absolute figures)%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            out.flush();
            boolean passed = check(peer, out);
            double ojalgo = largeProduct(1000, 3);
            double torch = peer.ask("matmul 1000 3").get("gflops").asDouble();
            out.printf("large matrix product 1000x1000: ojAlgo %.1f GFLOP/s, peer torch.mm %.1f GFLOP/s%n", ojalgo, torch);
            out.flush();
            for (boolean cot : new boolean[] {true, false}) {
                compare(peer, cot, ojalgo, out);
            }
            if (!noScaling) {
                scaling(out);
            }
            out.printf("peak resident memory: ours %.0f MiB, peer %.0f MiB%n", peakResidentMib(),
                    peer.ask("memory").get("peak_mib").asDouble());
            return passed ? 0 : 1;
        }
    }

    private boolean check(PeerProcess peer, PrintWriter out) throws IOException {
        boolean passed = true;
        Path file = Files.createTempFile("icl-bench-check", ".json");
        try {
            for (boolean cot : new boolean[] {true, false}) {
                RunPlan plan = plan(cot, 1, BATCH, K);
                SameInputsCheck.Result result = SameInputsCheck.run(peer, plan.task(), plan.model(), cot, K, BATCH, SEED, file);
                boolean ok = result.worst() <= 1e-9;
                passed &= ok;
                StringBuilder line = new StringBuilder();
                result.relativeDifferences().forEach((name, value) -> line.append(String.format(" %s %.1e", name, value)));
                out.printf("check %-6s same inputs as the peer, relative difference:%s  %s%n", label(cot), line,
                        ok ? "OK (<= 1e-9)" : "FAILED (> 1e-9)");
            }
        } finally {
            Files.deleteIfExists(file);
        }
        out.flush();
        return passed;
    }

    /** Alternating timings of ours and the peer for one step kind, then the median ratios. */
    private void compare(PeerProcess peer, boolean cot, double peak, PrintWriter out) {
        // Warm-up of both (JIT, allocator, thread pools), which also sizes the timings.
        double oursRate = ours(cot, 100, BATCH, K).stepsPerSecond();
        oursRate = ours(cot, Math.max(50, (int) (oursRate * seconds / 2)), BATCH, K).stepsPerSecond();
        double peerRate = peer(peer, cot, 3).stepsPerSecond();
        peerRate = peer(peer, cot, Math.max(3, (int) (peerRate * seconds / 2))).stepsPerSecond();
        int oursSteps = Math.max(50, (int) (oursRate * seconds));
        int peerSteps = Math.max(5, (int) (peerRate * seconds));
        double[] ours = new double[pairs];
        double[] theirs = new double[pairs];
        double[] ratios = new double[pairs];
        double[] cpuRatios = new double[pairs];
        out.printf("%s training, alternating (ours %d steps, peer %d steps per timing); steps/s, and CPU ms per step of all threads:%n",
                label(cot), oursSteps, peerSteps);
        for (int i = 0; i < pairs; i++) {
            Timing a = ours(cot, oursSteps, BATCH, K);
            Timing b = peer(peer, cot, peerSteps);
            ours[i] = a.stepsPerSecond();
            theirs[i] = b.stepsPerSecond();
            ratios[i] = ours[i] / theirs[i];
            cpuRatios[i] = b.cpuMillisPerStep() / a.cpuMillisPerStep();
            out.printf("  pair %d: ours %8.1f steps/s %6.2f ms CPU | peer %7.1f steps/s %7.2f ms CPU | ratio %6.2f, CPU %6.2f%n",
                    i + 1, ours[i], a.cpuMillisPerStep(), theirs[i], b.cpuMillisPerStep(), ratios[i], cpuRatios[i]);
            out.flush();
        }
        double flops = KernelArithmetic.flopsPerStep(D, N, K, BATCH, cot);
        double oursMedian = median(ours);
        out.printf("%s median ratio ours/peer %.2f in steps/s (ours %.1f, peer %.1f), %.2f in CPU time per step;"
                        + " our attention kernels %.1f MFLOP/step = %.2f GFLOP/s, %.0f%% of the large product%n",
                label(cot), median(ratios), oursMedian, median(theirs), median(cpuRatios), flops / 1e6,
                flops * oursMedian / 1e9, 100 * flops * oursMedian / 1e9 / peak);
        out.flush();
    }

    /** Process CPU time per step (all threads; what the scheduler gives us does not enter), the least of three timings. */
    private void scaling(PrintWriter out) {
        int[] batches = {64, 128, 256, 512, 1024};
        double[] perStep = new double[batches.length];
        for (int i = 0; i < batches.length; i++) {
            perStep[i] = cpuPerStep(batches[i], K);
        }
        out.printf("cot CPU time per step against batch %s: %s ms; fitted exponent %.2f%n", Arrays.toString(batches),
                milliseconds(perStep), PowerLawFit.exponent(toDoubles(batches), perStep));
        int[] ks = {5, 10, 20, 40};
        double[] perK = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            perK[i] = cpuPerStep(BATCH, ks[i]);
        }
        out.printf("cot CPU time per step against k %s: %s ms; fitted exponent %.2f%n", Arrays.toString(ks),
                milliseconds(perK), PowerLawFit.exponent(toDoubles(ks), perK));
        out.flush();
    }

    private double cpuPerStep(int batch, int k) {
        double rate = ours(true, 30, batch, k).stepsPerSecond();
        int steps = Math.max(30, (int) (rate * seconds / 3));
        double best = Double.POSITIVE_INFINITY;
        for (int repeat = 0; repeat < 3; repeat++) {
            RunPlan plan = plan(true, steps, batch, k);
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

    /** Our trainer over {@code steps} steps: its own steps per second (evaluation excluded) and the process's CPU time per step. */
    private Timing ours(boolean cot, int steps, int batch, int k) {
        RunPlan plan = plan(cot, steps, batch, k);
        long start = processCpuNanos();
        double rate = plan.trainer().train(plan.task(), plan.model(), RunContext.inMemory(SEED)).stepsPerSecond();
        return new Timing(rate, (processCpuNanos() - start) / 1e6 / steps);
    }

    private static Timing peer(PeerProcess peer, boolean cot, int steps) {
        JsonNode reply = peer.ask("train " + (cot ? "cot" : "nocot") + " " + steps + " " + BATCH + " " + K);
        return new Timing(reply.get("steps").asDouble() / reply.get("seconds").asDouble(),
                reply.get("cpu_seconds").asDouble() * 1e3 / reply.get("steps").asDouble());
    }

    /** The default study's variant with bench sizes; evaluation cut to a single monitor prompt at the end. */
    private RunPlan plan(boolean cot, int steps, int batch, int k) {
        List<String> settings = List.of("trainer.steps=" + steps, "trainer.batch-size=" + batch, "task.k=" + k,
                "trainer.eval-every=0", "trainer.monitor-prompts=1", "task.eval-prompts=100",
                "trainer.threads=" + threads);
        Config overrides = RunConfigLoader.parseOverrides(new ArrayList<>(settings));
        String variant = cot ? "cot" : "no-cot";
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

    private static String label(boolean cot) {
        return cot ? "cot" : "no-cot";
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
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
