package org.icl.tasks.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.model.Model;

/**
 * Compares a trained linear self-attention's V and W with the gradient-descent construction:
 * V's only block V₃₁ (w-rows × x-columns) and W₁₃ (x-rows × w-columns) with V₃₁W₁₃ = −ηI, and
 * W(y, const) carrying the label term. Only entries of W that data columns can use at CoT query
 * positions are scored; the rest get no gradient under this task and keep their initial values.
 */
final class GradientDescentMechanism {

    private GradientDescentMechanism() {
    }

    static Map<String, Object> measure(PromptLayout layout, Model model, boolean cot, double expectedStep) {
        int size = layout.rows();
        Optional<Parameter> v = model.parameter("V").filter(p -> p.rows() == size && p.cols() == size);
        Optional<Parameter> w = model.parameter("W").filter(p -> p.rows() == size && p.cols() == size);
        if (v.isEmpty() || w.isEmpty()) {
            return Map.of();
        }
        double[] vm = v.get().data();
        double[] wm = w.get().data();
        int d = layout.d();
        Map<String, Object> report = new LinkedHashMap<>();
        double vBlock = squaredMass(vm, size, layout.w(), d, layout.x(), d);
        report.put("v_mass_outside_v31", 1 - vBlock / squaredMass(vm, size, 0, size, 0, size));
        if (cot) {
            // Data keys meet CoT queries (0, 0, w_t, 1) through W's rows x, y and columns w, const only.
            double usable = squaredMass(wm, size, layout.x(), d + 1, layout.w(), d + 1);
            double kept = squaredMass(wm, size, layout.x(), d, layout.w(), d)
                    + Math.pow(wm[layout.constant() * size + layout.y()], 2);
            report.put("w_mass_outside_w13_and_label_entry", 1 - kept / usable);
            double[] product = multiplyBlocks(vm, wm, layout);
            double trace = 0;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                trace += product[i * d + i];
            }
            for (double p : product) {
                norm += p * p;
            }
            report.put("cosine_v31w13_with_minus_identity", -trace / (Math.sqrt(norm) * Math.sqrt(d)));
            report.put("effective_step", -trace / d);
        } else {
            // Without CoT the query token is (0, 0, 0, 1): the step sits in V₃₁ · W(y, const).
            double trace = 0;
            for (int i = 0; i < d; i++) {
                trace += vm[(layout.x() + i) * size + layout.w() + i];
            }
            report.put("effective_step", trace * wm[layout.constant() * size + layout.y()] / d);
        }
        report.put("expected_step", expectedStep);
        report.put("identifiable", cot
                ? "all of V; W rows x,y x columns w,const (other W entries get no gradient and keep their initial values)"
                : "all of V; W rows x,y x column const");
        return report;
    }

    /** Σ m(r, c)² over rows [r0, r0+h) and columns [c0, c0+w) of a column-major matrix with {@code ld} rows. */
    private static double squaredMass(double[] m, int ld, int r0, int h, int c0, int w) {
        double total = 0;
        for (int c = c0; c < c0 + w; c++) {
            for (int r = r0; r < r0 + h; r++) {
                total += m[c * ld + r] * m[c * ld + r];
            }
        }
        return total;
    }

    /** V₃₁ · W₁₃ as a d×d column-major array. */
    private static double[] multiplyBlocks(double[] v, double[] w, PromptLayout layout) {
        int d = layout.d();
        int ld = layout.rows();
        double[] product = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int q = 0; q < d; q++) {
                double wqj = w[(layout.w() + j) * ld + layout.x() + q];
                for (int i = 0; i < d; i++) {
                    product[j * d + i] += v[(layout.x() + q) * ld + layout.w() + i] * wqj;
                }
            }
        }
        return product;
    }
}
