package org.icl.api.model;

import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;

/**
 * Builds a model for the shape a task announces; registered under the model's {@code type} with
 * {@link org.icl.api.plugin.PluginModule#registerModel}. One factory builds many models, so it
 * keeps no state of its own; a factory that wraps other models (a looped layer, say) may inject
 * {@code Map<String, ModelFactory>} to build them.
 *
 * <p>The block holds every key of {@code icl.defaults.model.<type>} in the plugin's
 * {@code reference.conf}, laid under the user's values, plus {@code type}.
 */
public interface ModelFactory {

    /**
     * Reads every setting eagerly (failing with {@link org.icl.api.config.InvalidSettingException})
     * and builds a freshly initialised model.
     *
     * @param settings the model's config block
     * @param shape    token rows, sequence length, output rows and context size the task announces;
     *                 a model that cannot serve the shape fails with {@link Settings#invalid}
     * @param seed     the model's own seed, for its initial parameters
     */
    Model create(Settings settings, TaskShape shape, long seed);
}
