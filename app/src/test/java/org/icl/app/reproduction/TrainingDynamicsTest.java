package org.icl.app.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.icl.api.task.Theory;
import org.icl.app.run.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A small CoT run on the log schedule (d = 4, n = 10, k = 8): its probes, its dynamics figures, and its
 * learning curve ending on the theory computed on the same monitor prompts.
 */
class TrainingDynamicsTest {

    private static final String CONFIG = "seed = 3, task { type = weight-prediction, d = 4, n = 10, k = 8, eta = 0.3,"
            + " eval-prompts = 4000, cot = true }, trainer { type = adam, steps = 400, batch-size = 128,"
            + " eval-schedule = log, monitor-prompts = 100 }";

    @TempDir
    static Path dir;
    static RunResult result;

    @BeforeAll
    static void train() {
        result = StudyReproduction.run("cot", CONFIG, Optional.of(dir));
    }

    @Test
    void theLearningCurveOfAConvergedRunEndsOnTheTheoryOfItsOwnPrompts() throws IOException {
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[2]);
        Theory monitor = result.monitorTheory().orElseThrow();
        Theory full = result.theory().orElseThrow();
        // The trained model is the GD construction to a fraction of a percent (the full evaluation's ratio), so on
        // the same 100 prompts its loss matches k-step GD's to about that; 100 prompts' mean scatters far more.
        assertEquals(1.0, last / monitor.referenceValue(), 0.01, "monitor eval " + last + " against " + monitor.values());
        assertTrue(Math.abs(full.referenceValue() / monitor.referenceValue() - 1) > 0.03,
                "the 100 prompts' theory differs from the full one, so the test could fail: " + full.values());
        assertTrue(Files.readString(dir.resolve("result.json")).contains("\"monitor_theory\""));
    }

    @Test
    void probesRecordTheEffectiveStepFromStepZeroToEta() throws IOException {
        List<String> probes = Files.readAllLines(dir.resolve("probes.csv"));
        List<String> header = List.of(probes.get(0).replace("\"", "").split(","));
        int step = header.indexOf("effective_step");
        assertTrue(step > 0, header.toString());
        List<String> steps = probes.stream().skip(1).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("0", "1", "2", "5", "10", "20", "50", "100", "200", "400"), steps);
        double start = Double.parseDouble(probes.get(1).split(",")[step]);
        double end = Double.parseDouble(probes.get(probes.size() - 1).split(",")[step]);
        assertTrue(Math.abs(start) < 0.05, "an untrained model takes almost no step: " + start);
        assertEquals(0.3, end, 0.3 * 0.02);
    }

    @Test
    void theDynamicsFiguresAreDrawn() throws Exception {
        for (String figure : List.of("dynamics", "dynamics-heatmaps")) {
            assertNotNull(ImageIO.read(dir.resolve(figure + ".png").toFile()), figure);
        }
        // the SVGs are valid XML with each panel's own svg element inside the figure's, and clip ids unique across panels
        int heatmaps = panels(dir.resolve("dynamics-heatmaps.svg")) - 1;
        // V and W at the same steps: four, or three when the two picked on the way coincide
        assertTrue(heatmaps == 2 * 3 || heatmaps == 2 * 4, heatmaps + " heatmaps");
        assertTrue(panels(dir.resolve("dynamics.svg")) >= 1 + 2, "the loss and the reading");
    }

    /** The number of svg elements in {@code svg}, after checking that its clip paths have distinct ids. */
    private static int panels(Path svg) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList clips = document.getElementsByTagName("clipPath");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < clips.getLength(); i++) {
            assertTrue(ids.add(((Element) clips.item(i)).getAttribute("id")), "clip ids repeat in " + svg);
        }
        return document.getElementsByTagName("svg").getLength();
    }
}
