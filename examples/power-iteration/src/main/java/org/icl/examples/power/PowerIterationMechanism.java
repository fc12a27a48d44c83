package org.icl.examples.power;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.model.Model;

/**
 * Compares a trained linear attention with the construction that computes one step exactly: the
 * value block V(v-rows, x-columns) times the key-query block W(x-rows, v-columns) equals ηI (only
 * their product is identifiable, up to V → VA, W → A⁻¹W). Applies to models with square parameters
 * named V and W of the token dimension; for any other model it reports nothing.
 */
final class PowerIterationMechanism {

    private PowerIterationMechanism() {
    }

    static Map<String, Object> measure(PowerIterationSettings settings, Model model) {
        int d = settings.d();
        int rows = settings.tokenDim();
        Optional<Parameter> v = model.parameter("V").filter(p -> p.rows() == rows && p.cols() == rows);
        Optional<Parameter> w = model.parameter("W").filter(p -> p.rows() == rows && p.cols() == rows);
        if (v.isEmpty() || w.isEmpty()) {
            return Map.of();
        }
        // P = V(v, x) · W(x, v): rows d..2d−1 and columns 0..d−1 of V, rows 0..d−1 and columns d..2d−1 of W.
        double[][] product = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int m = 0; m < d; m++) {
                    sum += v.get().get(0, d + r, m) * w.get().get(0, m, d + c);
                }
                product[r][c] = sum;
            }
        }
        double trace = 0;
        double frobenius = 0;
        for (int r = 0; r < d; r++) {
            trace += product[r][r];
            for (int c = 0; c < d; c++) {
                frobenius += product[r][c] * product[r][c];
            }
        }
        double outside = 0;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rows; c++) {
                double x = v.get().get(0, r, c);
                total += x * x;
                if (!(r >= d && c < d)) {
                    outside += x * x;
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("v_mass_outside_vx", total > 0 ? outside / total : 0.0);
        result.put("cosine_vw_with_identity", frobenius > 0 ? trace / Math.sqrt(frobenius * d) : 0.0);
        result.put("effective_step", trace / d);
        result.put("expected_step", settings.eta());
        return result;
    }
}
