package org.icl.models.softmax.scratch;

import java.util.*;

import org.icl.api.autodiff.*;
import org.icl.api.config.Settings;
import org.icl.api.model.*;
import org.icl.api.task.TaskShape;
import org.icl.models.softmax.SoftmaxAttentionFactory;
import com.typesafe.config.*;

/** Scratch: backward path finding, layout [parent S | child S | node S]. */
public class BackwardExperiment {
    static int S = Integer.parseInt(System.getProperty("S", "31"));
    public static void main(String[] args) {
        int depth = Integer.getInteger("depth", 4), batch = Integer.getInteger("batch", 256), steps = Integer.parseInt(args.length > 0 ? args[0] : "600");
        double lr = Double.parseDouble(args.length > 1 ? args[1] : "0.01");
        String extra = args.length > 2 ? args[2] : "";
        int E = 3 * S + 1; // + EOS row unused
        int T = (1 << depth + 1) - 2 + 2 + depth; // edges + root + goal + path nodes before root
        Config defaults = ConfigFactory.defaultReference().getConfig("icl.defaults.model.softmax-attention");
        Settings st = new Settings(ConfigFactory.parseString(extra).withFallback(defaults), "model");
        Model model = new SoftmaxAttentionFactory().create(st, new TaskShape(E, 64, S, 10), 1);
        Random rnd = new Random(1);
        Tape tape = Tape.forTraining();
        Map<Parameter, double[][]> adam = new HashMap<>();
        long t0 = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            int edges = (1 << depth + 1) - 2;
            int first = edges + 1; // goal position
            Tensor z = tape.constant(E, T, batch);
            int[] targets = new int[(T - first) * batch];
            for (int b = 0; b < batch; b++) {
                int[] label = perm(rnd, S);
                int nodes = (1 << depth + 1) - 1;
                int[] parent = new int[nodes];
                List<int[]> es = new ArrayList<>();
                for (int i = 1; i < nodes; i++) { parent[i] = (i - 1) / 2; es.add(new int[]{label[parent[i]], label[i]}); }
                Collections.shuffle(es, rnd);
                for (int e = 0; e < edges; e++) { z.set(b, es.get(e)[0], e, 1); z.set(b, S + es.get(e)[1], e, 1); }
                z.set(b, 2 * S + label[0], edges, 1);
                int goal = nodes - 1 - rnd.nextInt(1 << depth);
                int cur = goal;
                for (int k = 0; k < T - first; k++) {
                    z.set(b, 2 * S + label[cur], first + k, 1);
                    targets[b * (T - first) + k] = label[parent[cur]];
                    cur = parent[cur];
                }
            }
            Tensor loss = tape.crossEntropyPerToken(model.forward(tape, z, first), targets);
            double l = loss.data()[0];
            model.parameters().forEach(Parameter::zeroGrad);
            tape.backward(loss);
            tape.reset();
            for (Parameter p : model.parameters()) {
                if (Boolean.getBoolean("gd")) { double[] g = p.grad().data, x = p.data(); for (int i = 0; i < x.length; i++) x[i] -= lr * g[i]; continue; }
                double[][] m = adam.computeIfAbsent(p, k -> new double[2][p.data().length]);
                double[] g = p.grad().data, x = p.data();
                for (int i = 0; i < x.length; i++) {
                    m[0][i] = 0.9 * m[0][i] + 0.1 * g[i];
                    m[1][i] = 0.999 * m[1][i] + 0.001 * g[i] * g[i];
                    double mh = m[0][i] / (1 - Math.pow(0.9, step)), vh = m[1][i] / (1 - Math.pow(0.999, step));
                    x[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
            if (step % 100 == 0 || step == 1) System.out.printf("step %d loss %.5f  %.1fs acc %.4f%n", step, l, (System.nanoTime() - t0) / 1e9, accuracy(model, E, new Random(99), 1024));
        }
    }
    static double accuracy(Model model, int E, Random rnd, int trees) {
        int ok = 0;
        for (int i = 0; i < trees; i++) {
            int[] label = perm(rnd, S);
            int size = 2 + rnd.nextInt(S - 1);
            int[] parent = new int[size]; int[] depth = new int[size];
            int next = 1;
            for (int v = 0; v < next && next < size; v++) {
                int ch = v == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(4);
                for (int k = 0; k < ch && next < size; k++, next++) { parent[next] = v; depth[next] = depth[v] + 1; }
            }
            int goal = 0; for (int v = 0; v < next; v++) if (depth[v] > depth[goal]) goal = v;
            List<int[]> es = new ArrayList<>();
            for (int v = 1; v < next; v++) es.add(new int[]{label[parent[v]], label[v]});
            Collections.shuffle(es, rnd);
            List<Integer> path = new ArrayList<>(); List<Integer> tg = new ArrayList<>();
            for (int v = goal; v != 0; v = parent[v]) { path.add(label[v]); tg.add(label[parent[v]]); }
            if (path.isEmpty()) { ok++; continue; }
            int T = es.size() + 1 + path.size();
            Tensor z = Tensor.wrap(E, T, 1, new double[E * T]);
            for (int e = 0; e < es.size(); e++) { z.set(0, es.get(e)[0], e, 1); z.set(0, S + es.get(e)[1], e, 1); }
            z.set(0, 2 * S + label[0], es.size(), 1);
            for (int k = 0; k < path.size(); k++) z.set(0, 2 * S + path.get(k), es.size() + 1 + k, 1);
            Tensor out = model.forward(Tape.forInference(), z, es.size() + 1);
            boolean right = true;
            for (int k = 0; k < path.size(); k++) { int best = 0; for (int r = 1; r < S; r++) if (out.get(0, r, k) > out.get(0, best, k)) best = r; right &= best == tg.get(k); }
            ok += right ? 1 : 0;
        }
        return ok / (double) trees;
    }
    static int[] perm(Random r, int n) { List<Integer> l = new ArrayList<>(); for (int i = 0; i < n; i++) l.add(i); Collections.shuffle(l, r); return l.stream().mapToInt(i->i).toArray(); }
}
