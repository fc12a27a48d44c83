package org.icl.trainers;

import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.trainers.loop.GradientTrainer;
import org.icl.trainers.loop.LoopSettings;
import org.icl.trainers.optim.Sgd;
import org.icl.trainers.optim.SgdSettings;

/** Builds gradient trainers that update with plain or momentum {@link Sgd}; config type {@code sgd}. */
public final class SgdTrainerFactory implements TrainerFactory {

    @Override
    public Trainer create(Settings s) {
        LoopSettings loop = LoopSettings.from(s);
        SgdSettings sgd = SgdSettings.from(s);
        return new GradientTrainer(loop, () -> new Sgd(sgd.momentum()));
    }

    @Override
    public void requireMemory(Settings s, TaskShape shape) {
        LoopSettings.requireMemory(s, shape);
    }
}
