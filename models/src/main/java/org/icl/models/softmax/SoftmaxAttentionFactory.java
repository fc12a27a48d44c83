package org.icl.models.softmax;

import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.model.ModelFactory;
import org.icl.api.task.TaskShape;

/** Builds {@link SoftmaxAttention} models; config type {@code softmax-attention}. */
public final class SoftmaxAttentionFactory implements ModelFactory {

    @Override
    public Model create(Settings settings, TaskShape shape, long seed) {
        SoftmaxAttentionSettings read = SoftmaxAttentionSettings.from(settings);
        return new SoftmaxAttention(shape, read, ValueCopies.read(settings, shape, read.heads()), seed);
    }
}
