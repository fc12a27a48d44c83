package org.icl.api.model;

import java.util.List;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;

/**
 * A sequence-to-sequence map on token columns, written as a forward pass on the tape; the tape
 * derives the backward pass. Input and output are batches of {@code tokenDim × length} matrices.
 * A trainer may run {@link #forward} on several tapes from several threads at once (parts of one
 * batch), so a forward pass must only read the model's own state.
 */
public interface Model {

    /** The output for every column of the input. */
    default Tensor forward(Tape tape, Tensor input) {
        return forward(tape, input, 0);
    }

    /**
     * The output for columns {@code firstOutput} to the end only. Training reads only the supervised
     * positions and autoregressive decoding only the last one, so a causal model can skip the rest.
     */
    Tensor forward(Tape tape, Tensor input, int firstOutput);

    /**
     * The model as it runs at training step {@code step} (counted from 1): the trainer hands this to the
     * task's training loss, while evaluation runs the model itself. A model whose forward pass changes
     * during training (a curriculum over loops, truncated back-propagation, a loss over several loops'
     * outputs) returns a view that shares this model's parameters; by default the model is the same at
     * every step. The trainer needs to know nothing about what changes.
     */
    default Model atTrainingStep(int step) {
        return this;
    }

    /**
     * Starts autoregressive decoding of a batch of prompts. The default runs {@link #forward} over the
     * whole sequence at every step; a model with a running state overrides it.
     */
    default Decoder decoder(Tensor prompt) {
        return new RecomputingDecoder(this, prompt);
    }

    /**
     * How many times one evaluation forward pass applies the model's layer: 1 for a single layer, b for a
     * looped model. Times the task's own rollout steps, it puts CoT steps and loops on one axis.
     */
    default int layerApplications() {
        return 1;
    }

    /**
     * The model stopped after its first {@code applications} layer applications (1 ≤ applications ≤
     * {@link #layerApplications()}), sharing its parameters: what a looped model computes after each loop.
     * Empty for a model that cannot stop early; the default has only its full pass.
     */
    default Optional<Model> stoppedAfter(int applications) {
        return applications == layerApplications() ? Optional.of(this) : Optional.empty();
    }

    /** The trainable matrices, in a fixed order. */
    List<Parameter> parameters();

    /** The parameter called {@code name}, if the model has one. */
    default Optional<Parameter> parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
