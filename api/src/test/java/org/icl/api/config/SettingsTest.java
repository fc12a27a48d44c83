package org.icl.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.junit.jupiter.api.Test;

/** Typed, range-checked reads of a plugin block, with the key, origin and expectation in every error. */
class SettingsTest {

    private static Settings block(String hocon) {
        return new Settings(ConfigFactory.parseString(hocon,
                ConfigParseOptions.defaults().setOriginDescription("study.conf")), "task");
    }

    private static String failure(Runnable read) {
        return assertThrows(InvalidSettingException.class, read::run).getMessage();
    }

    @Test
    void readsValuesInRange() {
        Settings s = block("d = 10\neta = 0.3\ncot = true\nloss = squared\nscales = [1, 2.5]\nseed = 12345678901");
        assertEquals(10, s.intBetween("d", 1, 100));
        assertEquals(0.3, s.positive("eta"));
        assertTrue(s.bool("cot"));
        assertEquals("squared", s.oneOf("loss", Set.of("squared", "cross-entropy")));
        assertEquals(List.of(1.0, 2.5), s.doubles("scales", 0));
        assertEquals(12345678901L, s.longValue("seed"));
    }

    @Test
    void errorsNameTheQualifiedKeyTheOriginAndTheExpectation() {
        Settings s = block("d = 2.5\neta = 0\ncot = maybe\nloss = hinge\nscales = [1, -1]\nn = 0");
        assertEquals("task.d = 2.5 (study.conf: 1): expected an integer", failure(() -> s.intBetween("d", 1, 100)));
        assertEquals("task.eta = 0 (study.conf: 2): expected a number > 0", failure(() -> s.positive("eta")));
        assertTrue(failure(() -> s.bool("cot")).endsWith("expected true or false"));
        assertTrue(failure(() -> s.oneOf("loss", Set.of("squared", "cross-entropy")))
                .endsWith("expected one of cross-entropy, squared"));
        assertTrue(failure(() -> s.doubles("scales", 0)).contains("each ≥ 0.0"));
        assertTrue(failure(() -> s.intBetween("n", 1, 10)).endsWith("expected an integer in [1, 10]"));
        assertEquals("task.k is missing", failure(() -> s.intAtLeast("k", 1)));
    }

    /** A config word per constant, as {@link Settings#choice} spells them. */
    private enum Mode { BACKWARD, ONE_HOT }

    @Test
    void choiceReadsEnumConstantsByTheirConfigWord() {
        Settings s = block("a = backward\nb = one-hot\nc = ONE_HOT");
        assertEquals(Mode.BACKWARD, s.choice("a", Mode.class));
        assertEquals(Mode.ONE_HOT, s.choice("b", Mode.class));
        assertTrue(failure(() -> s.choice("c", Mode.class)).endsWith("expected one of backward, one-hot"));
    }

    @Test
    void readsListsOfStringsAndMapsOfNumbersWithFreeKeys() {
        Settings s = block("names = [a, \"V:w,x\"]\nfixed { \"W:y,const\" = -1, b = 2.5 }\nbad { \"W:x,w\" = no }");
        assertEquals(List.of("a", "V:w,x"), s.strings("names"));
        assertEquals(java.util.Map.of("W:y,const", -1.0, "b", 2.5), s.numberMap("fixed"));
        assertEquals("task.bad.\"W:x,w\" = \"no\" (study.conf: 3): expected a number", failure(() -> s.numberMap("bad")));
        assertTrue(failure(() -> s.numberMap("names")).endsWith("expected an object { name = number, ... }"));
        assertTrue(failure(() -> s.strings("fixed")).endsWith("expected a list of strings"));
    }
}
