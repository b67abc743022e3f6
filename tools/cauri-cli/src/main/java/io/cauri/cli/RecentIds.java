package io.cauri.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids a listener has already seen, the most recently seen {@code capacity} of them: the events feed may
 * hand the same event more than once, and its consumers are to skip it by id (docs/CONTRACT.md §5). Bounded, so a
 * listener left running for days holds a fixed amount of memory; an id seen again counts as seen most recently.
 * Not thread-safe: one per listening loop.
 */
final class RecentIds {
    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered (while it is among the most recent), false for a repeat. */
    boolean firstTime(String id) {
        return seen.put(id, Boolean.TRUE) == null;
    }
}
