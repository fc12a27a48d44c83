package org.icl.app.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The range and tick labels of a logarithmic axis, chosen so that values can be read off. The axis runs
 * from the data's lowest value rounded down to one significant digit to its highest rounded up. When
 * that spans at most {@code labelledDecades} decades, every 1, 2, 3, ... times a decade is labelled, so that
 * even an axis without a decade in it has labels; else only the decades are (XChart's decade-only labels,
 * the multiples in between get grid lines), and the axis widens to whole decades when fewer than two
 * decades lie inside it. Labels print plainly between 0.001 and 100,000, else as 2E-5.
 *
 * @param min the axis' lowest value (a label)
 * @param max the axis' highest value (a label)
 * @param decadesOnly whether only the decades are labelled
 * @param pattern the {@link java.text.DecimalFormat} pattern of the labels
 */
public record LogAxis(double min, double max, boolean decadesOnly, String pattern) {

    /** Labels of 1..9 times the decade fit on a vertical axis of two decades, but only on a horizontal one of one decade (they are wider than high). */
    static final double VERTICAL_LABELLED_DECADES = 2;
    static final double HORIZONTAL_LABELLED_DECADES = 1;

    /** Relative slack for rounding to a leading digit, so that 0.3 (stored as 0.29999...) stays 0.3. */
    private static final double SLACK = 1e-9;

    /** The axis for positive values from {@code low} to {@code high}; at most {@code labelledDecades} decades get a label at every leading digit. */
    public static LogAxis spanning(double low, double high, double labelledDecades) {
        if (!(low > 0) || !(high >= low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("a log axis needs finite positive values, not " + low + ".." + high);
        }
        double lower = leadingDigitBelow(low);
        double upper = leadingDigitAbove(high);
        if (upper <= lower) {
            upper = leadingDigitAbove(lower * (1 + 10 * SLACK));
        }
        boolean decadesOnly = Math.log10(upper / lower) > labelledDecades + SLACK;
        LogAxis axis = new LogAxis(lower, upper, decadesOnly, pattern(lower, upper));
        if (decadesOnly && axis.labels().size() < 2) {
            // too few decades inside: widen to the decades around, so that at least two carry labels
            lower = Math.pow(10, Math.floor(Math.log10(low) + SLACK));
            upper = Math.pow(10, Math.ceil(Math.log10(high) - SLACK));
            axis = new LogAxis(lower, upper, true, pattern(lower, upper));
        }
        return axis;
    }

    /** The values that carry a label, lowest first (what XChart labels on this axis). */
    public List<Double> labels() {
        List<Double> labels = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(min) + SLACK);
        int last = (int) Math.floor(Math.log10(max) + SLACK);
        for (int exponent = first; exponent <= last; exponent++) {
            double decade = Math.pow(10, exponent);
            for (int digit = 1; digit <= 9; digit++) {
                double value = digit * decade;
                if ((digit == 1 || !decadesOnly) && value >= min * (1 - SLACK) && value <= max * (1 + SLACK)) {
                    labels.add(value);
                }
            }
        }
        return labels;
    }

    /** The largest d × 10^e (d = 1..9) at most {@code value}. */
    private static double leadingDigitBelow(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value) + SLACK));
        return Math.max(1, Math.floor(value / decade + SLACK)) * decade;
    }

    /** The smallest d × 10^e (d = 1..10) at least {@code value}. */
    private static double leadingDigitAbove(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value) - SLACK));
        return Math.ceil(value / decade - SLACK) * decade;
    }

    /** Plain numbers with as many decimals as the smallest label needs, or scientific notation outside 0.001..100,000. */
    private static String pattern(double lower, double upper) {
        if (lower < 1e-3 * (1 - SLACK) || upper > 1e5 * (1 + SLACK)) {
            return "0E0";
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(lower) + SLACK));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }
}
