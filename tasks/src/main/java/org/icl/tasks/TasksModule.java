package org.icl.tasks;

import org.icl.api.plugin.PluginModule;
import org.icl.tasks.regression.InContextRegressionFactory;
import org.icl.tasks.tree.TreePathFactory;
import org.icl.tasks.weights.WeightPredictionFactory;

/** Registers the built-in task plugins. */
public final class TasksModule extends PluginModule {

    @Override
    protected void configure() {
        registerTask("weight-prediction", WeightPredictionFactory.class);
        registerTask("icl-regression", InContextRegressionFactory.class);
        registerTask("tree-path", TreePathFactory.class);
    }
}
