package org.icl.models.looped;

import static org.icl.models.looped.LoopedFixtures.BATCH;
import static org.icl.models.looped.LoopedFixtures.DIM;
import static org.icl.models.looped.LoopedFixtures.LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.models.ModelGradients;
import org.icl.models.attention.LinearSelfAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The looped model against the layer applied by hand: shared weights, evaluation loops, the columns
 * it computes, input injection, truncated back-propagation, the averaged loss and the curriculum.
 * Gradients are compared with central differences (see {@link LoopedGradients}).
 */
class LoopedModelTest {

    @Test
    void loopsShareTheLayersParametersAndEvaluationRunsEvalLoops() {
        LinearSelfAttention layer = LoopedFixtures.layer(1);
        LoopedModel looped = new LoopedModel(layer, LoopedFixtures.settings(2, 3, 0, false, false));
        assertEquals(layer.parameters(), looped.parameters());
        for (int i = 0; i < layer.parameters().size(); i++) {
            assertSame(layer.parameters().get(i), looped.parameters().get(i), "the same objects, not copies");
        }
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 2);
        Tape tape = Tape.forInference();
        assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, 3, false).data(), looped.forward(tape, z, 0).data(),
                "evaluation: eval-loops = 3");
        assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, 2, false).data(),
                looped.atTrainingStep(1).forward(tape, z, 0).data(), "training: loops = 2");
        assertSame(looped.parameters().get(0), looped.atTrainingStep(7).parameters().get(0));
        // eval-loops = 0 means the trained loops
        LoopedModel same = new LoopedModel(layer, LoopedFixtures.settings(2, 0, 0, false, false));
        assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, 2, false).data(), same.forward(tape, z, 0).data());
    }

    @Test
    void stoppedAfterLRunsTheFirstLEvaluationLoopsOnTheSameParameters() {
        LinearSelfAttention layer = LoopedFixtures.layer(2);
        LoopedModel looped = new LoopedModel(layer, LoopedFixtures.settings(2, 3, 0, true, false));
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 3);
        Tape tape = Tape.forInference();
        for (int loops = 1; loops <= 3; loops++) {
            Model stopped = looped.stoppedAfter(loops).orElseThrow();
            assertEquals(loops, stopped.layerApplications());
            assertSame(looped.parameters().get(0), stopped.parameters().get(0));
            assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, loops, true).data(), stopped.forward(tape, z, 0).data(),
                    loops + " loops");
        }
        assertTrue(looped.stoppedAfter(4).isEmpty() && looped.stoppedAfter(0).isEmpty());
        assertTrue(layer.stoppedAfter(1).isPresent() && layer.stoppedAfter(2).isEmpty(), "a single layer stops only after itself");
    }

    @ParameterizedTest(name = "first output {0}, injection {1}")
    @CsvSource({"0, false", "4, false", "5, true", "2, true"})
    void onlyTheLastLoopRestrictsItsColumns(int first, boolean injection) {
        LinearSelfAttention layer = LoopedFixtures.layer(3);
        LoopedModel looped = new LoopedModel(layer, LoopedFixtures.settings(3, 0, 0, injection, false));
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 4);
        Tape tape = Tape.forInference();
        Tensor all = LoopedFixtures.byHand(tape, layer, z, 3, injection);
        Tensor expected = first == 0 ? all : tape.sliceCols(all, first, LENGTH);
        Tensor actual = looped.forward(tape, z, first);
        assertEquals(LENGTH - first, actual.cols());
        for (int e = 0; e < expected.size(); e++) {
            assertEquals(expected.data()[e], actual.data()[e], 1e-12 * (1 + Math.abs(expected.data()[e])), "entry " + e);
        }
    }

    @Test
    void injectionAddsThePromptBeforeEveryLoopAfterTheFirst() {
        LinearSelfAttention layer = LoopedFixtures.layer(5);
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 6);
        Tape tape = Tape.forInference();
        Tensor once = layer.forward(tape, z, 0);
        Tensor expected = layer.forward(tape, tape.add(once, z), 0);
        Tensor actual = new LoopedModel(layer, LoopedFixtures.settings(2, 0, 0, true, false)).forward(tape, z, 0);
        assertArrayEquals(expected.data(), actual.data());
        Tensor plain = new LoopedModel(layer, LoopedFixtures.settings(2, 0, 0, false, false)).forward(tape, z, 0);
        assertTrue(Math.abs(plain.data()[0] - actual.data()[0]) > 1e-6, "injection changes the output");
    }

    @ParameterizedTest(name = "{0} loops, injection {1}, average {2}")
    @CsvSource({"1, false, false", "3, false, false", "3, true, false", "4, false, true", "3, true, true"})
    void gradientsThroughAllLoopsMatchCentralDifferences(int loops, boolean injection, boolean average) {
        LoopedModel looped = new LoopedModel(LoopedFixtures.layer(7), LoopedFixtures.settings(loops, 0, 0, injection, average));
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 8);
        Tensor target = LoopedFixtures.input(LENGTH - 2, BATCH, 9);
        /*
         * Through several loops the loss is a polynomial of high degree in each entry, no longer a
         * quadratic, so central differences carry a truncation error of order H²; H = 1e-5 keeps it and the
         * rounding error ε|L|/H ≈ 1e-10 far below 1e-6, which a wrong backward pass (a missing loop, a
         * misplaced cut, a dropped stacked output) exceeds by orders of magnitude.
         */
        for (double error : ModelGradients.relativeErrors(looped.atTrainingStep(1), z, 2, target, 1e-5)) {
            assertTrue(error < 1e-6, "relative error " + error);
        }
    }

    @ParameterizedTest(name = "{0} loops, last {1}, average {2}")
    @CsvSource({"4, 1, false", "4, 2, false", "5, 3, true", "3, 2, true"})
    void truncationEqualsTheLastLoopsOnADetachedState(int loops, int truncate, boolean average) {
        LinearSelfAttention layer = LoopedFixtures.layer(9);
        Model training = new LoopedModel(layer, LoopedFixtures.settings(loops, 0, truncate, false, average)).atTrainingStep(1);
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 10);
        int first = 2;
        Tensor target = LoopedFixtures.input(LENGTH - first, BATCH, 11);
        double[] truncated = ModelGradients.gradient(training, z, first, target);

        // The same gradient by hand: the first loops - T loops run as a constant, then a T-loop model.
        Tensor cut = Tensor.wrap(DIM, LENGTH, BATCH,
                LoopedFixtures.byHand(Tape.forInference(), layer, z, loops - truncate, false).data().clone());
        Model tail = new LoopedModel(layer, LoopedFixtures.settings(truncate, 0, 0, false, average)).atTrainingStep(1);
        double[] byHand = ModelGradients.gradient(tail, cut, first, target);
        for (int e = 0; e < byHand.length; e++) {
            assertEquals(byHand[e], truncated[e], 1e-12 * (1 + Math.abs(byHand[e])), "entry " + e);
        }
        // ... which is not the gradient through all loops: the cut-off loops' share is missing.
        Model full = new LoopedModel(layer, LoopedFixtures.settings(loops, 0, 0, false, average)).atTrainingStep(1);
        double[] all = ModelGradients.gradient(full, z, first, target);
        double difference = 0;
        for (int e = 0; e < all.length; e++) {
            difference = Math.max(difference, Math.abs(all[e] - truncated[e]));
        }
        assertTrue(difference > 1e-3, "truncation changed nothing: " + difference);
        // On the last loop alone, truncation changes the gradient, never the loss (averaged, the window is the T loops).
        if (!average) {
            assertEquals(ModelGradients.loss(full, z, first, target), ModelGradients.loss(training, z, first, target), 0.0);
        }
    }

    /**
     * With T = 1 and the loss on the last loop, the gradient is exactly one layer's gradient at the state
     * after the first b − 1 loops: those loops, which use the same parameters, contribute nothing.
     */
    @Test
    void cutOffLoopsGetNoGradient() {
        LinearSelfAttention layer = LoopedFixtures.layer(12);
        Model training = new LoopedModel(layer, LoopedFixtures.settings(3, 0, 1, false, false)).atTrainingStep(1);
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 13);
        Tensor target = LoopedFixtures.input(LENGTH, BATCH, 14);
        double[] truncated = ModelGradients.gradient(training, z, 0, target);
        Tensor state = Tensor.wrap(DIM, LENGTH, BATCH,
                LoopedFixtures.byHand(Tape.forInference(), layer, z, 2, false).data().clone());
        double[] lastLoop = ModelGradients.gradient(layer, state, 0, target);
        assertArrayEquals(lastLoop, truncated, 1e-12);
    }

    @Test
    void averagedLossIsTheMeanOfTheLossesOfTheBackPropagatedLoops() {
        LinearSelfAttention layer = LoopedFixtures.layer(15);
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 16);
        int first = 3;
        Tensor target = LoopedFixtures.input(LENGTH - first, BATCH, 17);
        Model training = new LoopedModel(layer, LoopedFixtures.settings(5, 0, 3, false, true)).atTrainingStep(1);
        Tape tape = Tape.forInference();
        Tensor stacked = training.forward(tape, z, first);
        assertEquals(3 * BATCH, stacked.batch(), "outputs of loops 3, 4, 5 stacked along the batch");
        double mean = 0;
        for (int loops = 3; loops <= 5; loops++) {
            Tensor out = tape.sliceCols(LoopedFixtures.byHand(tape, layer, z, loops, false), first, LENGTH);
            mean += tape.squaredError(out, target).data()[0] / 3;
        }
        assertEquals(mean, tape.squaredError(stacked, target).data()[0], 1e-12 * mean);
        // The model itself (evaluation) returns one output per prompt.
        assertEquals(BATCH, new LoopedModel(layer, LoopedFixtures.settings(5, 0, 3, false, true)).forward(tape, z, first).batch());
    }

    @Test
    void curriculumRaisesTheLoopsByStageUpToLoops() {
        LoopedSettings curriculum = new LoopedSettings(5, 0, 0, false, false, 2, 2, 10);
        int[] expected = {2, 2, 4, 4, 5, 5, 5};
        int[] steps = {1, 10, 11, 20, 21, 30, 1000};
        for (int i = 0; i < steps.length; i++) {
            assertEquals(expected[i], curriculum.loopsAt(steps[i]), "step " + steps[i]);
        }
        assertEquals(5, curriculum.evaluationLoops());
        LinearSelfAttention layer = LoopedFixtures.layer(18);
        LoopedModel looped = new LoopedModel(layer, curriculum);
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 19);
        Tape tape = Tape.forInference();
        assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, 4, false).data(),
                looped.atTrainingStep(15).forward(tape, z, 0).data());
        assertArrayEquals(LoopedFixtures.byHand(tape, layer, z, 5, false).data(), looped.forward(tape, z, 0).data());
        assertEquals(3, new LoopedSettings(5, 0, 3, false, false, 0, 1, 1).backpropagated(5));
        assertEquals(2, new LoopedSettings(5, 0, 3, false, false, 2, 1, 1).backpropagated(2));
        assertEquals(5, new LoopedSettings(5, 0, 0, false, false, 0, 1, 1).backpropagated(5));
    }

    @Test
    void oneLoopIsTheLayerBitForBit() {
        LinearSelfAttention layer = LoopedFixtures.layer(20);
        Model looped = new LoopedModel(layer, LoopedFixtures.settings(1, 0, 0, false, false));
        Tensor z = LoopedFixtures.input(LENGTH, BATCH, 21);
        Tensor target = LoopedFixtures.input(LENGTH, BATCH, 22);
        assertArrayEquals(ModelGradients.gradient(layer, z, 0, target),
                ModelGradients.gradient(looped.atTrainingStep(1), z, 0, target));
        List<Parameter> parameters = looped.parameters();
        assertEquals(List.of("V", "W"), parameters.stream().map(Parameter::name).toList());
    }
}
