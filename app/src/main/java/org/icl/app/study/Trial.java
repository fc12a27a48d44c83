package org.icl.app.study;

import com.typesafe.config.Config;

/**
 * One run of a study: a variant at one point of the sweep with one seed, its safe directory name,
 * its complete validated config and that config's fingerprint (which a finished trial's files must match).
 */
public record Trial(int position, String name, String variant, Point point, long seed, Config config, String configHash) {
}
