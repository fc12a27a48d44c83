package org.icl.models;

import org.icl.api.plugin.PluginModule;
import org.icl.models.attention.LinearSelfAttentionFactory;
import org.icl.models.softmax.SoftmaxAttentionFactory;
import org.icl.models.looped.LoopedModelFactory;

/** Registers the built-in model plugins. */
public final class ModelsModule extends PluginModule {

    @Override
    protected void configure() {
        registerModel("linear-attention", LinearSelfAttentionFactory.class);
        registerModel("softmax-attention", SoftmaxAttentionFactory.class);
        registerModel("looped", LoopedModelFactory.class);
    }
}
