package org.icl.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The tick choice of log axes: every decade labelled, and every leading digit where the axis is short. */
class LogAxisTest {

    private static final double VERTICAL = LogAxis.VERTICAL_LABELLED_DECADES;

    @Test
    void halfADecadeWithoutADecadeInsideIsLabelledAtEachLeadingDigit() {
        LogAxis axis = LogAxis.spanning(2, 6.3, VERTICAL);
        assertFalse(axis.decadesOnly());
        assertClose(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0), axis.labels());
        assertEquals("0", axis.pattern());
    }

    @Test
    void halfADecadeAcrossADecadeLabelsTheDecadeAndTheDigitsAround() {
        LogAxis axis = LogAxis.spanning(0.5, 1.58, VERTICAL);
        assertClose(List.of(0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0), axis.labels());
        assertEquals("0.#", axis.pattern());
    }

    @Test
    void oneDecadeIsLabelledAtEachLeadingDigitEvenHorizontally() {
        LogAxis axis = LogAxis.spanning(1, 10, LogAxis.HORIZONTAL_LABELLED_DECADES);
        assertFalse(axis.decadesOnly());
        assertClose(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), axis.labels());
    }

    @Test
    void theDefaultStudysLossesGetEveryLeadingDigitOnTheirDecadeAndAHalf() {
        // the default study's learning curves: CoT converges at 0.27, no CoT stays near 3.6 (it started at 3.1)
        LogAxis axis = LogAxis.spanning(0.27, 3.7, VERTICAL);
        assertEquals(0.2, axis.min(), 1e-12);
        assertEquals(4, axis.max(), 1e-12);
        assertClose(List.of(0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0, 3.0, 4.0), axis.labels());
    }

    @Test
    void threeDecadesAreLabelledAtEachDecade() {
        LogAxis axis = LogAxis.spanning(0.01, 10, VERTICAL);
        assertTrue(axis.decadesOnly());
        assertClose(List.of(0.01, 0.1, 1.0, 10.0), axis.labels());
        assertEquals("0.##", axis.pattern());
    }

    @Test
    void anAxisWithOneDecadeInsideWidensToTheDecadesAround() {
        // 1.6 decades on a horizontal axis: only 10 would be labelled inside 2..80
        LogAxis axis = LogAxis.spanning(2, 80, LogAxis.HORIZONTAL_LABELLED_DECADES);
        assertTrue(axis.decadesOnly());
        assertClose(List.of(1.0, 10.0, 100.0), axis.labels());
    }

    @Test
    void thirtyDecadesAreLabelledAtEachDecadeInScientificNotation() {
        // a diverging loss: from 0.5 to 5e32
        LogAxis axis = LogAxis.spanning(0.5, 5e32, VERTICAL);
        assertTrue(axis.decadesOnly());
        List<Double> labels = axis.labels();
        assertEquals(33, labels.size(), labels.toString());
        for (int i = 0; i < labels.size(); i++) {
            assertEquals(Math.pow(10, i), labels.get(i), 1e-9 * Math.pow(10, i));
        }
        assertEquals("0E0", axis.pattern());
    }

    @Test
    void equalValuesStillGetARangeWithLabels() {
        LogAxis axis = LogAxis.spanning(0.3, 0.3, VERTICAL);
        assertTrue(axis.max() > axis.min());
        assertTrue(axis.labels().size() >= 2, axis.toString());
    }

    @Test
    void refusesValuesALogAxisCannotShow() {
        assertThrows(IllegalArgumentException.class, () -> LogAxis.spanning(0, 1, VERTICAL));
        assertThrows(IllegalArgumentException.class, () -> LogAxis.spanning(1, Double.POSITIVE_INFINITY, VERTICAL));
    }

    private static void assertClose(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), "labels " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-9 * expected.get(i), "labels " + actual);
        }
    }
}
