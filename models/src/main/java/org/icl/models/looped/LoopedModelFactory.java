package org.icl.models.looped;

import java.util.Map;

import com.google.inject.Inject;
import com.google.inject.Provider;

import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.model.ModelFactory;
import org.icl.api.task.TaskShape;

/** Builds {@link LoopedModel}s around any registered model; config type {@code looped}. */
public final class LoopedModelFactory implements ModelFactory {

    /** A provider, because this factory is itself one of the registered models (a direct map would be a cycle). */
    private final Provider<Map<String, ModelFactory>> models;

    @Inject
    public LoopedModelFactory(Provider<Map<String, ModelFactory>> models) {
        this.models = models;
    }

    @Override
    public Model create(Settings settings, TaskShape shape, long seed) {
        LoopedSettings looped = LoopedSettings.from(settings);
        if (shape.outputDim() != shape.tokenDim()) {
            throw settings.invalid("type", "a task whose outputs are tokens (each loop's output is the next loop's input)");
        }
        Settings layer = settings.child("layer");
        String type = layer.string("type");
        ModelFactory factory = models.get().get(type);
        if (factory == null) {
            throw layer.invalid("type", "a model type, one of " + String.join(", ", new java.util.TreeSet<>(models.get().keySet())));
        }
        // The layer gets the looped model's own seed: at one loop the model is the layer, bit for bit.
        return new LoopedModel(factory.create(layer, shape, seed), looped);
    }
}
