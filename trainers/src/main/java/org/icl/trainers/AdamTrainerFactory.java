package org.icl.trainers;

import org.icl.api.config.Settings;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.trainers.loop.GradientTrainer;
import org.icl.trainers.loop.LoopSettings;
import org.icl.trainers.loop.ShardSettings;
import org.icl.trainers.optim.Adam;
import org.icl.trainers.optim.AdamSettings;

/** Builds gradient trainers that update with {@link Adam}; config type {@code adam}. */
public final class AdamTrainerFactory implements TrainerFactory {

    @Override
    public String description() {
        return "mini-batch training with Adam (bias-corrected moments), gradient clipping, periodic evaluation";
    }

    @Override
    public Trainer create(Settings s) {
        LoopSettings loop = LoopSettings.from(s);
        AdamSettings adam = AdamSettings.from(s);
        return new GradientTrainer(loop, ShardSettings.from(s), () -> new Adam(loop.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon()));
    }
}
