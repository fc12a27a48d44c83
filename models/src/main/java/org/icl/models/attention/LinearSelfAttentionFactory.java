package org.icl.models.attention;

import java.util.SplittableRandom;

import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.model.ModelFactory;
import org.icl.api.model.TrainableEntries;
import org.icl.api.task.TaskShape;

/** Builds {@link LinearSelfAttention} layers; config type {@code linear-attention}. */
public final class LinearSelfAttentionFactory implements ModelFactory {

    @Override
    public Model create(Settings settings, TaskShape shape, long seed) {
        if (shape.outputDim() != shape.tokenDim()) {
            throw settings.invalid("type", "a task whose outputs are tokens (linear-attention writes back into the token)");
        }
        LinearSelfAttention model = new LinearSelfAttention(shape.tokenDim(), shape.contextSize(),
                LinearSelfAttentionSettings.from(settings), new SplittableRandom(seed));
        TrainableEntries.from(settings, shape).applyTo(model.parameters());
        return model;
    }
}
