package org.icl.app.study;

import org.icl.api.config.InvalidSettingException;

/** The {@code index}-th of {@code count} disjoint shares of a study's trials: every trial whose position modulo count is index. */
public record Shard(int index, int count) {

    /** The whole study. */
    public static final Shard ALL = new Shard(0, 1);

    /** Parses {@code i/N} with 0 ≤ i < N, as a scheduler's array index and size give it. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                int index = Integer.parseInt(parts[0].trim());
                int count = Integer.parseInt(parts[1].trim());
                if (count >= 1 && index >= 0 && index < count) {
                    return new Shard(index, count);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException("--shard " + text + ": expected i/N with 0 <= i < N, e.g. --shard 0/3");
    }

    /** Whether the trial at {@code position} (0-based, in study order) belongs to this shard. */
    public boolean contains(int position) {
        return position % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
