package org.icl.api.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.ojalgo.matrix.store.R064Store;

/**
 * Recycles the stores of one tape between training steps, so the hot path allocates nothing after warm-up.
 *
 * <p>Stores are kept per shape. Sequences of varying length produce a new shape per length, so a
 * shape that no step has asked for during the last {@value #IDLE_RESETS} resets is dropped: the pool
 * then holds at most what the recent steps used, however many lengths a run goes through, while a
 * run of fixed shapes keeps every store and allocates nothing.
 */
final class StorePool {

    /** Resets a shape may go unused before its stores are dropped. */
    static final int IDLE_RESETS = 4;

    private final Map<Long, Shelf> free = new HashMap<>();
    private final List<R064Store> lent = new ArrayList<>();
    private long generation;

    /** The free stores of one shape and the last reset cycle that asked for that shape. */
    private static final class Shelf {
        final ArrayDeque<R064Store> stores = new ArrayDeque<>();
        long lastUsed;
    }

    /** A store of rows × cols; zero-filled only when asked, since most results are overwritten whole. */
    R064Store take(int rows, long cols, boolean zeroed) {
        Shelf shelf = free.get(key(rows, cols));
        R064Store store = null;
        if (shelf != null) {
            shelf.lastUsed = generation;
            store = shelf.stores.poll();
        }
        if (store == null) {
            store = R064Store.FACTORY.make(rows, cols);
        } else if (zeroed) {
            java.util.Arrays.fill(store.data, 0.0);
        }
        lent.add(store);
        return store;
    }

    /**
     * Takes back every store lent since the last call, and drops the shapes idle for more than
     * {@link #IDLE_RESETS} calls; tensors built on lent stores must no longer be used.
     */
    void releaseAll() {
        for (R064Store store : lent) {
            Shelf shelf = free.computeIfAbsent(key(Math.toIntExact(store.countRows()), store.countColumns()),
                    k -> new Shelf());
            shelf.lastUsed = generation;
            shelf.stores.push(store);
        }
        lent.clear();
        for (Iterator<Shelf> it = free.values().iterator(); it.hasNext(); ) {
            if (generation - it.next().lastUsed >= IDLE_RESETS) {
                it.remove();
            }
        }
        generation++;
    }

    /** Entries (doubles) held in free stores, for tests of the pool's bound. */
    long freeEntries() {
        long total = 0;
        for (Shelf shelf : free.values()) {
            for (R064Store store : shelf.stores) {
                total += store.data.length;
            }
        }
        return total;
    }

    private static long key(int rows, long cols) {
        return ((long) rows << 32) ^ cols;
    }
}
