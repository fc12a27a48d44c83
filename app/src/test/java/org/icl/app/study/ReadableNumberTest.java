package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Table numbers: four significant digits, scientific outside 0.001..10,000, and aligned columns. */
class ReadableNumberTest {

    @Test
    void printsFourSignificantDigits() {
        assertEquals("0.2933", ReadableNumber.format(0.29331234));
        assertEquals("5.615", ReadableNumber.format(5.61523));
        assertEquals("10.09", ReadableNumber.format(10.0923));
        assertEquals("257.4", ReadableNumber.format(257.43));
        assertEquals("1.000", ReadableNumber.format(1));
        assertEquals("0.001000", ReadableNumber.format(0.001));
        assertEquals("9999", ReadableNumber.format(9999.2));
    }

    @Test
    void tinyAndHugeNumbersGoScientific() {
        assertEquals("2.180e-07", ReadableNumber.format(2.18e-7));
        assertEquals("5.000e+32", ReadableNumber.format(5e32));
        assertEquals("1.000e+04", ReadableNumber.format(9999.7), "rounds up past 10,000");
        assertEquals("4.900e-324", ReadableNumber.format(Double.MIN_VALUE));
        assertEquals("1.798e+308", ReadableNumber.format(Double.MAX_VALUE));
    }

    @Test
    void negativeNumbersKeepTheirSign() {
        assertEquals("-0.3000", ReadableNumber.format(-0.3));
        assertEquals("-1.235e+05", ReadableNumber.format(-123456));
        assertEquals("-1.200e-05", ReadableNumber.format(-1.2e-5));
    }

    @Test
    void zeroNanAndInfinitiesAreWords() {
        assertEquals("0", ReadableNumber.format(0.0));
        assertEquals("0", ReadableNumber.format(-0.0));
        assertEquals("NaN", ReadableNumber.format(Double.NaN));
        assertEquals("inf", ReadableNumber.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ReadableNumber.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void noNumberIsWiderThanElevenCharacters() {
        for (double v = -1e300; Math.abs(v) > 1e-300; v /= -7.3) {
            assertTrue(ReadableNumber.format(v).length() <= 11, v + " -> " + ReadableNumber.format(v));
        }
    }

    @Test
    void twoDigitsForHalfWidths() {
        assertEquals("0.0031", ReadableNumber.format(0.003149, 2));
        assertEquals("1.2e+05", ReadableNumber.format(123456, 2));
    }

    @Test
    void cellsKeepWholeNumbersAndText() {
        assertEquals("20", ReadableNumber.cell("20.0"));
        assertEquals("12345678", ReadableNumber.cell("12345678"));
        assertEquals("5.000e+32", ReadableNumber.cell("5.0E32"));
        assertEquals("0.2933", ReadableNumber.cell("0.29331234"));
        assertEquals("k_step_gd", ReadableNumber.cell("k_step_gd"));
        assertEquals("", ReadableNumber.cell(""));
    }

    @Test
    void columnsStayAlignedWhateverTheValues() {
        TextTable table = new TextTable(List.of(TextTable.Column.text("run"), TextTable.Column.number("eval loss"),
                TextTable.Column.text("(reference)")));
        table.row(List.of("cot", ReadableNumber.format(0.2933), "k_step_gd"));
        table.row(List.of("wild", ReadableNumber.format(5e32), "one_step_optimum"));
        table.row(List.of("  least_squares", ReadableNumber.format(2.4e-30), ""));
        table.row(List.of("broken", "DIVERGED"), "at step 12: eval_loss = inf (not finite)");
        List<String> lines = table.lines();
        assertEquals(List.of(
                "run              eval loss  (reference)",
                "cot                 0.2933  k_step_gd",
                "wild             5.000e+32  one_step_optimum",
                "  least_squares  2.400e-30",
                "broken            DIVERGED  at step 12: eval_loss = inf (not finite)"), lines);
    }
}
