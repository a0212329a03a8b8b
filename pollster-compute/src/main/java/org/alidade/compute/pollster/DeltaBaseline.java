package org.alidade.compute.pollster;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The previous reading per tap device of a {@code *.bytes.delta} meter, for the agent's life and
 * shared by all sources (Ceilometer keeps it in the pollster's memory, per tap name): the first
 * reading gives 0, a counter that went back (the guest restarted) gives the current value.
 */
final class DeltaBaseline {

    private final ConcurrentHashMap<String, Long> previous = new ConcurrentHashMap<>();

    long delta(String tap, long current) {
        Long before = previous.put(tap, current);
        if (before == null) {
            return 0;
        }
        long d = current - before;
        return d < 0 ? current : d;
    }
}
