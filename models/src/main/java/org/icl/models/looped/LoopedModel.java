package org.icl.models.looped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;

/**
 * A looped (weight-tied, recurrent-depth) model: one layer applied b times with the same parameters,
 * Z_{l+1} = g(Z_l), or g(Z_l + Z_0) with input injection (SCIENCE.md §2). Evaluation runs
 * {@code eval-loops}; training runs the curriculum's loops, back-propagates through the last T only
 * and, with the averaged loss, returns the outputs of those T loops stacked along the batch, so that
 * the task's loss against one target is their mean.
 */
public final class LoopedModel implements Model {

    private final Model layer;
    private final LoopedSettings settings;

    /** Loops {@code layer}, which must map tokens to tokens of the same rows. */
    public LoopedModel(Model layer, LoopedSettings settings) {
        this.layer = layer;
        this.settings = settings;
    }

    /** The loops of an evaluation pass ({@code eval-loops}, else {@code loops}). */
    @Override
    public int layerApplications() {
        return settings.evaluationLoops();
    }

    @Override
    public Tensor forward(Tape tape, Tensor z, int firstOutput) {
        int loops = settings.evaluationLoops();
        return run(tape, layer, z, firstOutput, loops, loops, 1);
    }

    /** The first {@code applications} loops of an evaluation pass, for the loss after each loop. */
    @Override
    public Optional<Model> stoppedAfter(int applications) {
        if (applications < 1 || applications > layerApplications()) {
            return Optional.empty();
        }
        LoopedModel whole = this;
        return Optional.of(new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                return run(tape, layer, z, firstOutput, applications, applications, 1);
            }

            @Override
            public int layerApplications() {
                return applications;
            }

            @Override
            public List<Parameter> parameters() {
                return whole.parameters();
            }
        });
    }

    @Override
    public Model atTrainingStep(int step) {
        int loops = settings.loopsAt(step);
        int backpropagated = settings.backpropagated(loops);
        int supervised = settings.averageLoss() ? backpropagated : 1;
        Model stepLayer = layer.atTrainingStep(step);
        LoopedModel evaluated = this;
        return new Model() {
            @Override
            public Tensor forward(Tape tape, Tensor z, int firstOutput) {
                return run(tape, stepLayer, z, firstOutput, loops, backpropagated, supervised);
            }

            @Override
            public Model atTrainingStep(int later) {
                return evaluated.atTrainingStep(later);
            }

            @Override
            public List<Parameter> parameters() {
                return evaluated.parameters();
            }
        };
    }

    /**
     * Applies {@code layer} {@code loops} times. The gradient passes through the last {@code backpropagated}
     * loops only; the outputs of the last {@code supervised} loops are returned, stacked along the batch.
     * Every loop but the last computes all columns, since the next loop's keys are every column; the last
     * computes only the columns from {@code firstOutput} on.
     */
    private Tensor run(Tape tape, Model layer, Tensor prompt, int firstOutput, int loops, int backpropagated,
                       int supervised) {
        Tensor state = prompt;
        List<Tensor> outputs = new ArrayList<>(supervised);
        for (int loop = 1; loop <= loops; loop++) {
            if (loop == loops - backpropagated + 1 && loop > 1) {
                state = tape.detach(state);
            }
            Tensor input = settings.inputInjection() && loop > 1 ? tape.add(state, prompt) : state;
            if (loop == loops) {
                outputs.add(layer.forward(tape, input, firstOutput));
            } else {
                state = layer.forward(tape, input, 0);
                if (loop > loops - supervised) {
                    outputs.add(firstOutput == 0 ? state : tape.sliceCols(state, firstOutput, state.cols()));
                }
            }
        }
        return outputs.size() == 1 ? outputs.get(0) : tape.stackBatches(outputs);
    }

    @Override
    public List<Parameter> parameters() {
        return layer.parameters();
    }

    /** The looped layer. */
    public Model layer() {
        return layer;
    }

    public LoopedSettings settings() {
        return settings;
    }
}
