package org.alidade.agent.core.message;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Version-1 (time-based) UUIDs, as Python's {@code uuid.uuid1()} makes Ceilometer's message ids
 * (reference §2.1): a 60-bit count of 100 ns ticks since 1582-10-15, a 14-bit clock sequence
 * and a 48-bit node.
 *
 * <p>The node is random with the multicast bit set (RFC 4122 §4.5, and what Python falls back
 * to), so that no MAC address leaks and two agents on one host still differ. The clock sequence
 * is random per process. Like Python, the timestamp is made strictly increasing: a call in the
 * same tick as (or a clock step back behind) the previous one gets the previous tick plus one.
 * Thread-safe and lock-free.
 */
public final class TimeUuid {

    /** 100 ns ticks from 1582-10-15T00:00:00Z (the Gregorian reform) to the Unix epoch. */
    static final long GREGORIAN_TO_UNIX_TICKS = 0x01b2_1dd2_1381_4000L;

    private static final long NODE;
    private static final int CLOCK_SEQUENCE;
    private static final AtomicLong LAST_TICKS = new AtomicLong(Long.MIN_VALUE);

    static {
        SecureRandom random = new SecureRandom();
        NODE = random.nextLong() & 0xffff_ffff_ffffL | 1L << 40;
        CLOCK_SEQUENCE = random.nextInt(1 << 14);
    }

    private TimeUuid() {
    }

    /** A new version-1 UUID in the canonical lowercase form, later than any earlier one. */
    public static String next() {
        Instant now = Instant.now();
        long ticks = now.getEpochSecond() * 10_000_000L + now.getNano() / 100 + GREGORIAN_TO_UNIX_TICKS;
        long previous;
        long chosen;
        do {
            previous = LAST_TICKS.get();
            chosen = ticks > previous ? ticks : previous + 1;
        } while (!LAST_TICKS.compareAndSet(previous, chosen));
        return format(chosen, CLOCK_SEQUENCE, NODE);
    }

    /** The UUID with these fields: 60-bit timestamp, 14-bit clock sequence, 48-bit node. */
    static String format(long ticks, int clockSequence, long node) {
        long msb = (ticks & 0xffff_ffffL) << 32       // time_low
                | (ticks >>> 32 & 0xffffL) << 16      // time_mid
                | 0x1000L                             // version 1
                | ticks >>> 48 & 0x0fffL;             // time_hi
        long lsb = (0x8000L | clockSequence & 0x3fff) << 48   // RFC 4122 variant, clock_seq
                | node & 0xffff_ffff_ffffL;
        return new UUID(msb, lsb).toString();
    }
}
