package org.icl.trainers.optim;

import org.icl.api.config.Settings;

/**
 * Adam's own settings, beside the shared loop settings.
 *
 * @param beta1   decay of the first-moment estimate
 * @param beta2   decay of the second-moment estimate
 * @param epsilon added to the root of the second moment
 */
public record AdamSettings(double beta1, double beta2, double epsilon) {

    public static AdamSettings from(Settings s) {
        return new AdamSettings(s.doubleBetween("beta1", 0, 0.999999), s.doubleBetween("beta2", 0, 0.999999999),
                s.positive("epsilon"));
    }
}
