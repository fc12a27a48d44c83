package org.icl.app.study;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.icl.app.run.RunResult;

/**
 * Prints runs side by side: evaluation loss beside the theory value it should match, their ratio,
 * speed and mechanism; a diverged run's row says where and how it diverged instead.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<RunResult> results, PrintWriter out) {
        out.printf("%-12s %12s %12s  %-18s %8s %10s%n", "run", "eval loss", "theory", "(reference)", "ratio", "steps/s");
        for (RunResult r : results) {
            if (r.divergence().isPresent()) {
                var d = r.divergence().get();
                out.printf("%-12s %12s  at step %d: %s = %s (%s)%n", r.name(), "DIVERGED", d.step(), d.quantity(), d.value(),
                        d.reason());
                continue;
            }
            String speed = r.training().map(t -> String.format("%.1f", t.stepsPerSecond())).orElse("-");
            out.printf("%-12s %12.4f %12.4f  %-18s %8.3f %10s%n", r.name(), r.evalLoss(),
                    r.theory().referenceValue(), r.theory().reference(), r.ratioToTheory(), speed);
        }
        for (RunResult r : results) {
            if (r.mechanism().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder("mechanism " + r.name() + ":");
            for (Map.Entry<String, Object> e : r.mechanism().entrySet()) {
                if (e.getValue() instanceof Double v) {
                    line.append(String.format(" %s=%.4g", e.getKey(), v));
                }
            }
            out.println(line);
        }
        out.flush();
    }
}
