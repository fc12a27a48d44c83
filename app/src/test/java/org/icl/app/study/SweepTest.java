package org.icl.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import org.icl.api.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

/** How a study file's sweep becomes points, names and shards, and what it refuses. */
class SweepTest {

    private static StudyFile parse(String text) {
        return StudyFile.from("s", ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("s.conf")),
                ConfigFactory.defaultReference());
    }

    @Test
    void gridTakesEveryCombinationFirstAxisSlowestInFileOrder() {
        StudyFile file = parse("sweep { axes {\n  \"task.k\" = [10, 20]\n  model.type = [a, b, c]\n} }\nseeds = [7, 8]");
        List<Point> points = file.sweep().points();
        assertEquals(6, points.size());
        assertEquals(Map.of("task.k", "10", "model.type", "a"), points.get(0).labels());
        assertEquals(List.of("task.k", "model.type"), List.copyOf(points.get(0).labels().keySet()));
        assertEquals(Map.of("task.k", "10", "model.type", "b"), points.get(1).labels());
        assertEquals(Map.of("task.k", "20", "model.type", "c"), points.get(5).labels());
        assertEquals(20, points.get(5).layer().getInt("task.k"));
        assertEquals("c", points.get(5).layer().getString("model.type"));
        assertEquals(List.of(7L, 8L), file.seeds());
    }

    @Test
    void zipPairsTheIthValuesAndNeedsEqualLengths() {
        StudyFile file = parse("sweep { mode = zip, axes { a.x = [1, 2, 3], a.y = [4, 5, 6] } }");
        assertEquals(List.of(Map.of("a.x", "3", "a.y", "6")), file.sweep().points().subList(2, 3).stream().map(Point::labels).toList());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> parse("sweep { mode = zip, axes { a.x = [1, 2, 3], a.y = [4, 5] } }"));
        assertTrue(e.getMessage().contains("a.x has 3 values and a.y has 2"), e.getMessage());
    }

    @Test
    void labelsNameListValuedPoints() {
        StudyFile file = parse("sweep { axes { \"task.eval-covariance\" = [[1, 1], [1, 0.1]] }, labels { \"task.eval-covariance\" = [1, 10] } }");
        assertEquals("10", file.sweep().points().get(1).labels().get("task.eval-covariance"));
        assertEquals(List.of(1.0, 0.1), file.sweep().points().get(1).layer().getDoubleList("task.eval-covariance"));
    }

    @Test
    void mistakesInTheStudyBlocksAreNamedWithTheirLine() {
        assertMessage("sweep { mode = grid,\n axes { a.x = 3 } }", "sweep.axes.a.x (s.conf: 2): expected a non-empty list");
        assertMessage("sweep { mode = diagonal }", "sweep.mode");
        assertMessage("sweep { axis { a.x = [1] } }", "sweep.axis (s.conf: 1): unknown key. Did you mean sweep.axes?");
        assertMessage("sweep { axes { a.x = [1, 1] } }", "the value 1 is listed twice");
        assertMessage("sweep { axes { a.x = [1] }, labels { a.y = [1] } }", "labels of a key that is not swept");
        assertMessage("seeds = [1, 1]", "distinct integers");
        assertMessage("sweep.axes { seed = [1, 2] }\nseeds = [1]", "keep one of them");
        assertMessage("seeds = [1]\nreport { x = task.k }", "report.x = \"task.k\"");
        assertMessage("base {}", "a study needs variants");
    }

    @Test
    void trialNamesAreSafeShortAndUnique() {
        assertEquals(Map.of("task.k", "k", "task.eta", "eta"), TrialNames.shortKeys(List.of("task.k", "task.eta")));
        assertEquals(Map.of("task.k", "task.k", "model.type", "model.type", "model.layer.k", "layer.k"),
                TrialNames.shortKeys(List.of("task.k", "model.type", "model.layer.k")));
        assertEquals("..-..-x-y-z", TrialNames.safe("../../x/y z"));
        assertEquals("_..-x", TrialNames.trialName("..-x", null));
        assertEquals("seed=3", TrialNames.trialName("", 3L));
        assertEquals("run", TrialNames.trialName("", null));
        assertEquals("_summary.csv", TrialNames.trialName("summary.csv", null));
        String longName = TrialNames.trialName("x".repeat(300), null);
        assertEquals(100, longName.length());
        List<String> unique = TrialNames.unique(List.of("a", "b", "a"), List.of("1", "2", "3"));
        assertEquals("b", unique.get(1));
        assertTrue(unique.get(0).startsWith("a-") && unique.get(2).startsWith("a-") && !unique.get(0).equals(unique.get(2)));
    }

    @Test
    void shardsAreDisjointAndCoverEveryTrial() {
        Shard[] shards = {Shard.parse("0/3"), Shard.parse("1/3"), Shard.parse("2/3")};
        for (int position = 0; position < 10; position++) {
            int owners = 0;
            for (Shard s : shards) {
                owners += s.contains(position) ? 1 : 0;
            }
            assertEquals(1, owners);
        }
        for (String bad : List.of("3/3", "-1/2", "1", "a/b", "0/0")) {
            assertThrows(InvalidSettingException.class, () -> Shard.parse(bad), bad);
        }
    }

    private static void assertMessage(String study, String expected) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> parse(study));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
