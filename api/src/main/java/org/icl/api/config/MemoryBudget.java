package org.icl.api.config;

import java.util.Locale;

/**
 * Refuses sizes that cannot fit, with an estimate, before anything is allocated: an
 * OutOfMemoryError an hour into a run, or a negative array size from an overflowing product,
 * becomes a message naming the setting at fault. Estimates are lower bounds (the arrays that
 * must exist), so a config that could fit is never refused.
 */
public final class MemoryBudget {

    /** The longest Java array the JVM reliably allocates. */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private MemoryBudget() {
    }

    /** Refuses {@code key} when {@code bytes} (computed in floating point, so it cannot overflow) exceed the heap. */
    public static void require(Settings settings, String key, double bytes, String what) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw settings.invalid(key, "a smaller value: " + what + " need at least " + bytes(bytes) + ", more than the "
                    + bytes(heap) + " this JVM may use (raise it with ICL_JAVA_OPTS=-Xmx<size>)");
        }
    }

    /** Refuses {@code key} when one array of {@code length} doubles would be longer than Java allows or exceed the heap. */
    public static void requireArray(Settings settings, String key, double length, String what) {
        if (length > MAX_ARRAY_LENGTH) {
            throw settings.invalid(key, "a smaller value: " + what + " would be one array of "
                    + String.format(Locale.ROOT, "%.3g", length) + " numbers, more than Java's limit of 2^31 − 9");
        }
        require(settings, key, length * Double.BYTES, what);
    }

    /** A byte count for people: "512 MB", "1.5 GB", "3.2e+03 TB". */
    static String bytes(double bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, bytes < 10 ? "%.1f %s" : "%.3g %s", bytes, units[unit]);
    }
}
