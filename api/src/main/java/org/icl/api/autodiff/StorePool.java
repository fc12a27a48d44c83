package org.icl.api.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ojalgo.matrix.store.R064Store;

/** Recycles the stores of one tape between training steps, so the hot path allocates nothing after warm-up. */
final class StorePool {

    private final Map<Long, ArrayDeque<R064Store>> free = new HashMap<>();
    private final List<R064Store> lent = new ArrayList<>();

    /** A store of rows × cols; zero-filled only when asked, since most results are overwritten whole. */
    R064Store take(int rows, long cols, boolean zeroed) {
        ArrayDeque<R064Store> stack = free.get(key(rows, cols));
        R064Store store = stack == null ? null : stack.poll();
        if (store == null) {
            store = R064Store.FACTORY.make(rows, cols);
        } else if (zeroed) {
            java.util.Arrays.fill(store.data, 0.0);
        }
        lent.add(store);
        return store;
    }

    /** Takes back every store lent since the last call; tensors built on them must no longer be used. */
    void releaseAll() {
        for (R064Store store : lent) {
            free.computeIfAbsent(key(Math.toIntExact(store.countRows()), store.countColumns()), k -> new ArrayDeque<>())
                    .push(store);
        }
        lent.clear();
    }

    private static long key(int rows, long cols) {
        return ((long) rows << 32) ^ cols;
    }
}
