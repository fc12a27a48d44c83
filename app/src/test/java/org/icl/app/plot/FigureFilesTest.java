package org.icl.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.AttentionMaps;
import org.icl.api.task.LabelledPrompt;
import org.icl.api.task.Curve;
import org.icl.app.run.RunResult;

/** Every figure writer produces a PNG and an SVG of the same figure. */
class FigureFilesTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @Test
    void curvePlotWritesPngAndSvg() throws IOException {
        Map<String, Curve> series = new LinkedHashMap<>();
        series.put(RunResult.MODEL_SERIES, new Curve("examples", List.of(1.0, 2.0, 4.0), List.of(3.0, 2.0, 1.0)));
        series.put("ridge", new Curve("examples", List.of(1.0, 2.0, 4.0), List.of(2.5, 1.5, 0.5)));
        CurvePlot.save("loss-vs-examples", series, dir.resolve("loss-vs-examples.png"));
        assertPngAndSvg(dir.resolve("loss-vs-examples.png"));
    }

    @Test
    void parameterHeatmapWritesPngAndSvg() throws IOException {
        Parameter w = new Parameter("W", 2, 2);
        w.set(0, 0, 0, 1.5);
        w.set(0, 1, 1, -0.5);
        ParameterHeatmap.save(w, List.of("x", "y"), dir.resolve("heatmap-W.png"));
        assertPngAndSvg(dir.resolve("heatmap-W.png"));
    }

    @Test
    void attentionMapWritesPngAndSvgPerPromptAndHead() throws IOException {
        AttentionMaps model = new AttentionMaps() {
            @Override
            public List<String> attentionLabels() {
                return List.of("head 1");
            }

            @Override
            public double[][][][] attentionWeights(Tensor input) {
                return new double[][][][] {{{{1, 0, 0}, {0.5, 0.5, 0}, {0.2, 0.3, 0.5}}}};
            }
        };
        LabelledPrompt prompt = new LabelledPrompt("p0", Tensor.wrap(1, 3, 1, new double[3]), List.of("a", "b", "c"), 1);
        List<Path> files = AttentionMap.save(model, List.of(prompt), dir);
        assertEquals(List.of(dir.resolve("attention-p0-head1.png"), dir.resolve("attention-p0-head1.svg")), files);
        assertPngAndSvg(files.get(0));
    }

    @Test
    void learningCurvesDrawPngAndSvgOnALabelledLogAxis() throws IOException {
        Path metrics = dir.resolve("metrics.csv");
        Files.writeString(metrics, "step,train_loss,eval_loss,elapsed_seconds\n0,5,5.2,0.1\n10,1,0.9,0.2\n20,0.3,0.31,0.3\n");
        PlotStyle.Figure figure = LearningCurves.draw(List.of(new LearningCurves.Curve("cot", metrics,
                Optional.of(new LearningCurves.Reference("k_step_gd", 0.29))))).orElseThrow();
        List<Path> files = figure.write(dir.resolve("learning-curves.png"));
        assertEquals(List.of(dir.resolve("learning-curves.png"), dir.resolve("learning-curves.svg")), files);
        assertPngAndSvg(files.get(0));
    }

    @Test
    void studyPlotDrawsPngAndSvg() {
        StudyPlot.Series series = new StudyPlot.Series("", List.of("1", "10", "100"), List.of(5.0, 0.5, 0.05),
                List.of(0.1, 0.01, 0.001), List.of(4.0, 0.4, 0.04), "theory k_step_gd");
        PlotStyle.Figure figure = StudyPlot.draw("loss", "k", "eval loss", true, List.of(series));
        assertPng(figure.png());
        assertSvg(figure.svg());
    }

    private static void assertPngAndSvg(Path png) throws IOException {
        assertPng(Files.readAllBytes(png));
        assertSvg(Files.readAllBytes(PlotStyle.svgBeside(png)));
    }

    private static void assertPng(byte[] bytes) {
        assertTrue(bytes.length > PNG_SIGNATURE.length);
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            assertEquals(PNG_SIGNATURE[i], bytes[i], "PNG signature");
        }
    }

    private static void assertSvg(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg") && text.trim().endsWith("</svg>"), text.substring(0, Math.min(200, text.length())));
    }
}
