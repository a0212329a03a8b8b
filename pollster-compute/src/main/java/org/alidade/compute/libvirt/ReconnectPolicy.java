package org.alidade.compute.libvirt;

import java.time.Duration;

/**
 * When to retry a libvirt call and when to reopen the connection, as Ceilometer does
 * ({@code retry_on_disconnect}): a call that fails because the connection to libvirtd broke (a
 * system or internal error from the remote/RPC layer) is retried on a fresh connection, up to
 * {@link #attempts} attempts in all, waiting {@code base × 2^(n−1)} (at most {@link #maxDelay})
 * before the n-th retry. Any other error is the call's own and is not retried.
 *
 * @param attempts  calls in all, the first included
 * @param baseDelay the wait before the first retry
 * @param maxDelay  the longest wait
 */
record ReconnectPolicy(int attempts, Duration baseDelay, Duration maxDelay) {

    /** Three attempts, 1 s then 2 s apart. */
    static final ReconnectPolicy DEFAULT = new ReconnectPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

    ReconnectPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
    }

    /** Whether a call that failed with {@code error} on attempt {@code attempt} (1-based) is tried again. */
    boolean retry(LibvirtError error, int attempt) {
        return error.disconnection() && attempt < attempts;
    }

    /** The wait before attempt {@code attempt + 1}. */
    Duration delayAfter(int attempt) {
        long factor = 1L << Math.min(30, Math.max(0, attempt - 1));
        Duration d = baseDelay.multipliedBy(factor);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
