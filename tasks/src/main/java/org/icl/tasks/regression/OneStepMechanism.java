package org.icl.tasks.regression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.model.Model;

/**
 * Compares a trained linear self-attention's V and W with one preconditioned GD step: the query's y-row
 * reads Σ_j (V(y,·) z_j)(z_jᵀ W z_q)/n, which is η x_qᵀ(1/n)Σ y_j x_j when V(y,·) keeps only V(y,y) and
 * V(y,y)·W_xx = ηI (von Oswald et al. 2023). At the optimum η = n/(n+d+1+σ²) for Σ = I.
 */
final class OneStepMechanism {

    private OneStepMechanism() {
    }

    static Map<String, Object> measure(QueryLayout layout, Model model, double expectedStep) {
        int size = layout.rows();
        Optional<Parameter> v = model.parameter("V").filter(p -> p.rows() == size && p.cols() == size);
        Optional<Parameter> w = model.parameter("W").filter(p -> p.rows() == size && p.cols() == size);
        if (v.isEmpty() || w.isEmpty()) {
            return Map.of();
        }
        int d = layout.d();
        int y = layout.y();
        double[] vm = v.get().data();
        double[] wm = w.get().data();
        double vyy = vm[y * size + y];
        double rowMass = 0;
        for (int c = 0; c < size; c++) {
            rowMass += vm[c * size + y] * vm[c * size + y];
        }
        double trace = 0;
        double norm = 0;
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < d; r++) {
                double p = vyy * wm[c * size + r];
                norm += p * p;
                if (r == c) {
                    trace += p;
                }
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("v_y_row_mass_outside_vyy", rowMass == 0 ? 0.0 : 1 - vyy * vyy / rowMass);
        report.put("cosine_vyy_wxx_with_identity", norm == 0 ? 0.0 : trace / (Math.sqrt(norm) * Math.sqrt(d)));
        report.put("effective_step", trace / d);
        report.put("expected_step", expectedStep);
        return report;
    }
}
