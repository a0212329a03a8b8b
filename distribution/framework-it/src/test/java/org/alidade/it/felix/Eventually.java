package org.alidade.it.felix;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for the framework to reach a state, polling: never a fixed sleep as an assertion. The
 * deadline is generous because SCR, ConfigAdmin and the engine's re-plan debounce are all
 * asynchronous; a healthy run takes a fraction of it.
 */
public final class Eventually {

    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** Polls {@code probe} until {@code done} holds; returns that value, or fails with the last value seen. */
    public static <T> T eventually(String what, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        RuntimeException lastFailure = null;
        while (true) {
            try {
                last = probe.get();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("not seen within " + DEADLINE.toSeconds() + " s: " + what
                        + (lastFailure != null ? "; last probe failed: " + lastFailure : "; last seen: " + last));
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }

    /** Polls {@code probe} until it returns a value equal to {@code expected}. */
    public static <T> T eventuallyEquals(String what, T expected, Supplier<T> probe) {
        return eventually(what + " = " + expected, probe, expected::equals);
    }
}
