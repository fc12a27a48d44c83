package org.icl.trainers;

import org.icl.api.config.Settings;
import org.icl.api.train.Trainer;
import org.icl.api.train.TrainerFactory;
import org.icl.trainers.loop.GradientTrainer;
import org.icl.trainers.loop.LoopSettings;
import org.icl.trainers.optim.Adam;

/** Builds gradient trainers that update with {@link Adam}; config type {@code adam}. */
public final class AdamTrainerFactory implements TrainerFactory {

    @Override
    public String description() {
        return "mini-batch training with Adam (bias-corrected moments), gradient clipping, periodic evaluation";
    }

    @Override
    public Trainer create(Settings s) {
        LoopSettings loop = LoopSettings.from(s);
        double beta1 = s.doubleBetween("beta1", 0, 0.999999);
        double beta2 = s.doubleBetween("beta2", 0, 0.999999999);
        double epsilon = s.positive("epsilon");
        return new GradientTrainer(loop, () -> new Adam(loop.learningRate(), beta1, beta2, epsilon));
    }
}
