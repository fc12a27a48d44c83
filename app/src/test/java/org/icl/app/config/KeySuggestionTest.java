package org.icl.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Edit distance and nearest-key suggestion for misspelt config keys. */
class KeySuggestionTest {

    private static final List<String> TASK_KEYS = List.of("cot", "d", "eta", "eval-chunk", "eval-covariance",
            "eval-prompts", "k", "n", "noise", "type");

    @Test
    void distanceIsLevenshtein() {
        assertEquals(0, KeySuggestion.distance("eta", "eta"));
        assertEquals(3, KeySuggestion.distance("", "eta"));
        assertEquals(3, KeySuggestion.distance("eta", ""));
        assertEquals(1, KeySuggestion.distance("etta", "eta"), "one deletion");
        assertEquals(1, KeySuggestion.distance("eta", "etta"), "one insertion");
        assertEquals(1, KeySuggestion.distance("eta", "eda"), "one substitution");
        assertEquals(2, KeySuggestion.distance("adma", "adam"), "a transposition costs two");
        assertEquals(3, KeySuggestion.distance("kitten", "sitting"));
        assertEquals(KeySuggestion.distance("trainr", "trainer"), KeySuggestion.distance("trainer", "trainr"));
    }

    @Test
    void nearestFindsTheClosestCandidate() {
        assertEquals(Optional.of("eta"), KeySuggestion.nearest("etta", TASK_KEYS));
        assertEquals(Optional.of("eval-prompts"), KeySuggestion.nearest("eval-promts", TASK_KEYS));
        assertEquals(Optional.of("eval-chunk"), KeySuggestion.nearest("eval_chunk", TASK_KEYS));
        assertEquals(Optional.of("trainer"), KeySuggestion.nearest("trainr", List.of("model", "seed", "task", "trainer")));
    }

    @Test
    void nearestIgnoresCaseButReturnsTheCandidateAsSpelt() {
        assertEquals(Optional.of("eval-prompts"), KeySuggestion.nearest("EVAL-PROMPTS", TASK_KEYS));
        assertEquals(Optional.of("learning-rate"), KeySuggestion.nearest("Learning-Rate", List.of("learning-rate", "steps")));
    }

    @Test
    void nearestSuggestsNothingWhenNoCandidateIsClose() {
        assertEquals(Optional.empty(), KeySuggestion.nearest("transformerz", List.of("linear-attention")));
        assertEquals(Optional.empty(), KeySuggestion.nearest("optimizer", List.of("model", "seed", "task", "trainer")));
        assertEquals(Optional.empty(), KeySuggestion.nearest("eta", List.of()));
    }

    @Test
    void toleranceGrowsWithKeyLength() {
        // keys up to eight letters: at most two edits
        assertEquals(Optional.of("steps"), KeySuggestion.nearest("stp", List.of("steps")));
        assertEquals(Optional.empty(), KeySuggestion.nearest("st", List.of("steps")));
        // a twelve-letter key tolerates four edits, not five
        assertEquals(Optional.of("abcdefghijkl"), KeySuggestion.nearest("abcdefghwxyz", List.of("abcdefghijkl")));
        assertEquals(Optional.empty(), KeySuggestion.nearest("abcdefgvwxyz", List.of("abcdefghijkl")));
    }
}
