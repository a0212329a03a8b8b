package org.alidade.compute.pollster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what has been said, so that a condition that holds every cycle (a meter the driver
 * cannot supply for an instance) is logged once, not every cycle. Bounded: past {@link #LIMIT}
 * keys it forgets everything and may say things once more.
 */
final class OnceLog {

    static final int LIMIT = 100_000;

    private final Set<Object> said = ConcurrentHashMap.newKeySet();

    /** True the first time {@code key} is seen. */
    boolean first(Object key) {
        if (said.size() >= LIMIT) {
            said.clear();
        }
        return said.add(key);
    }
}
