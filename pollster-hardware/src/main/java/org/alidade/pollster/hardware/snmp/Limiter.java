package org.alidade.pollster.hardware.snmp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts at most {@code limit} host reads at once without holding a thread per waiting host:
 * a read that cannot start now is queued and started when one finishes.
 */
final class Limiter {

    private final Deque<Runnable> queue = new ArrayDeque<>();
    private int limit;
    private int running;

    Limiter(int limit) {
        this.limit = limit;
    }

    synchronized void setLimit(int limit) {
        this.limit = limit;
    }

    /** Runs {@code start} now or later; {@code start} must lead to exactly one {@link #release()}. */
    void submit(Runnable start) {
        synchronized (this) {
            if (running >= limit) {
                queue.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    void release() {
        Runnable next;
        synchronized (this) {
            next = running <= limit ? queue.poll() : null;
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    synchronized int queued() {
        return queue.size();
    }
}
