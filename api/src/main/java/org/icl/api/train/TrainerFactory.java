package org.icl.api.train;

import org.icl.api.config.Settings;
import org.icl.api.plugin.Described;

/** Builds a trainer from its validated config block; registered under the trainer's {@code type}. */
public interface TrainerFactory extends Described {

    Trainer create(Settings settings);
}
