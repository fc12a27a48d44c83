package org.icl.trainers.optim;

import org.icl.api.config.Settings;

/**
 * SGD's own settings, beside the shared loop settings.
 *
 * @param momentum heavy-ball momentum; 0 is plain SGD
 */
public record SgdSettings(double momentum) {

    public static SgdSettings from(Settings s) {
        return new SgdSettings(s.doubleBetween("momentum", 0, 0.999999));
    }
}
