package org.icl.api.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from one root seed, one per named component. */
public final class Seeds {

    private Seeds() {
    }

    /** The seed of stream {@code name} under {@code root}: a SplitMix64 mix of the root and the name's hash. */
    public static long derive(long root, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return mix(root ^ mix(h));
    }

    /** A generator for stream {@code name} under {@code root}. */
    public static SplittableRandom stream(long root, String name) {
        return new SplittableRandom(derive(root, name));
    }

    /**
     * The seed of element {@code index} of the indexed stream {@code name}, e.g. the training data of one
     * step: each element is drawn afresh from (root, name, index), so a resumed run needs no generator state.
     */
    public static long derive(long root, String name, long index) {
        return mix(derive(root, name) ^ mix(index + 0x9e3779b97f4a7c15L));
    }

    /** A generator for element {@code index} of stream {@code name} under {@code root}. */
    public static SplittableRandom stream(long root, String name, long index) {
        return new SplittableRandom(derive(root, name, index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
