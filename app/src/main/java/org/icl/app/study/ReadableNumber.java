package org.icl.app.study;

import java.util.Locale;

/**
 * How every console and HTML table prints a number: {@value #DIGITS} significant digits, plainly between
 * 0.001 and 10,000 (0.2933, 5.615, 257.4), in scientific notation outside (1.200e-05, 5.000e+32), so that
 * no number takes more than 11 characters; NaN, inf and -inf as such. The CSV files keep every digit.
 */
public final class ReadableNumber {

    /** Significant digits of a printed number. */
    public static final int DIGITS = 4;

    /** Whole numbers below this (steps, counts, seeds) print as integers in {@link #cell}. */
    private static final double LARGEST_INTEGER = 1e9;

    private ReadableNumber() {
    }

    /** {@code value} to {@value #DIGITS} significant digits. */
    public static String format(double value) {
        return format(value, DIGITS);
    }

    /** {@code value} to {@code digits} significant digits (at least 1). */
    public static String format(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        int precision = Math.max(1, digits);
        // round first, so that 9999.7 (which rounds to 1.000e+04) goes to scientific notation
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%." + (precision - 1) + "e", value));
        double magnitude = Math.abs(rounded);
        if (magnitude < 1e-3 || magnitude >= 1e4) {
            return String.format(Locale.ROOT, "%." + (precision - 1) + "e", value);
        }
        int decimals = Math.max(0, precision - 1 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", rounded);
    }

    /** A table cell: a whole number below 10^9 as an integer, any other number as {@link #format(double)}, text as it is. */
    public static String cell(String text) {
        if (!Aggregate.isNumber(text)) {
            return text;
        }
        double value = Double.parseDouble(text);
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_INTEGER) {
            return Long.toString((long) value);
        }
        return format(value);
    }
}
