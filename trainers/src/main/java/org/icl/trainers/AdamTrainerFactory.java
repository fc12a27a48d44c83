package org.icl.trainers;

import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.trainers.loop.GradientTrainer;
import org.icl.trainers.loop.LoopSettings;
import org.icl.trainers.optim.Adam;
import org.icl.trainers.optim.AdamSettings;

/** Builds gradient trainers that update with {@link Adam}; config type {@code adam}. */
public final class AdamTrainerFactory implements TrainerFactory {

    @Override
    public Trainer create(Settings s) {
        LoopSettings loop = LoopSettings.from(s);
        AdamSettings adam = AdamSettings.from(s);
        return new GradientTrainer(loop, () -> new Adam(adam.beta1(), adam.beta2(), adam.epsilon()));
    }

    @Override
    public void requireMemory(Settings s, TaskShape shape) {
        LoopSettings.requireMemory(s, shape);
    }
}
