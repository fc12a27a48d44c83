package org.icl.api.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A learning problem: it samples training prompts, scores a model's outputs, rolls a trained model
 * out on held-out prompts, and knows the theory a correct model must match, if there is one.
 *
 * <p>The task owns how the model is applied (teacher forcing, autoregressive decoding, which
 * columns are read), so trainers and models stay independent of any one task's layout. A trainer
 * may sample and compute losses on several tapes from several threads at once, so these methods
 * must keep no mutable state of their own.
 */
public interface Task {

    /** Token dimension and sequence length the model must accept. */
    TaskShape shape();

    /** Samples a batch of {@code batchSize} training prompts, applies the model on the tape, and returns the scalar loss. */
    Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize);

    /**
     * Samples {@code batchSize} training prompts onto the tape, ready for the model. A trainer may call
     * this ahead of the step that uses them, on another thread, while the model's parameters are still
     * being updated; so it must not read the model. The default samples only when the loss is asked.
     */
    default TrainingBatch sampleTraining(Tape tape, RandomGenerator random, int batchSize) {
        return model -> trainingLoss(tape, model, random, batchSize);
    }

    /** Rolls the model out on the first {@code prompts} of the task's fixed evaluation prompts. */
    Evaluation evaluate(Model model, int prompts);

    /** The number of evaluation prompts the task holds (its full evaluation). */
    int evaluationPrompts();

    /**
     * Reference values from theory on the same evaluation prompts; {@link Theory#reference()} is the one eval
     * loss should match. Empty for a task without a closed-form reference (one measured by accuracy, say).
     */
    default Optional<Theory> theory() {
        return Optional.empty();
    }

    /**
     * The same reference values on the first {@code prompts} evaluation prompts only: the prompts a monitor
     * evaluation during training scores, so that a learning curve and its reference share their prompts.
     * The default returns {@link #theory()}, right for values that do not depend on the prompts (closed forms).
     */
    default Optional<Theory> theory(int prompts) {
        return theory();
    }

    /**
     * Names of {@link Evaluation#metrics()} entries (accuracies, say) to show beside the loss: as columns of
     * the result table, summary.csv and metrics.csv, and as learning curves. Every evaluation must hold them.
     */
    default List<String> reportedMetrics() {
        return List.of();
    }

    /** Names of the token rows (e.g. x1..xd, y, w1..wd, 1) for plots of parameters; empty means numbered. */
    default List<String> tokenLabels() {
        return List.of();
    }

    /** Up to {@code count} evaluation prompts, labelled token by token, to draw a model's attention on; empty if none applies. */
    default List<LabelledPrompt> showcasePrompts(int count) {
        return List.of();
    }

    /** Task-specific reading of a trained model's parameters (e.g. how close they are to a known construction); empty if none applies. */
    default Map<String, Object> inspect(Model model) {
        return Map.of();
    }

    /**
     * Reference predictors that need no training (least squares, gradient descent, ...), by name in a
     * fixed order. They are {@link Model}s so that {@link #evaluate} scores them through the same path,
     * on the same prompts, as a trained model. Empty if the task has none.
     */
    default Map<String, Model> baselines() {
        return Map.of();
    }

    /**
     * Named curves of the model's evaluation loss against a task variable (e.g. the number of in-context
     * examples), on the task's full evaluation set; empty if the task has none. Costs several evaluations,
     * so it is meant for the end of a run, not for monitoring.
     */
    default Map<String, Curve> curves(Model model) {
        return Map.of();
    }

    /**
     * Theory values against an iteration count 1..{@code maxIterations} (gradient-descent steps, CoT steps,
     * loops), by name, on the task's evaluation prompts: overlays for plots of loss against steps or loops.
     * Empty if the task has none.
     */
    default Map<String, Curve> iterationTheory(int maxIterations) {
        return Map.of();
    }
}
