package org.alidade.agent.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimeUuidTest {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void makesVersion1UuidsWithTheRfc4122Variant() {
        String text = TimeUuid.next();
        assertTrue(CANONICAL.matcher(text).matches(), text);
        UUID uuid = UUID.fromString(text);
        assertEquals(1, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Test
    void usesARandomNodeMarkedMulticastAndAStableClockSequence() {
        UUID a = UUID.fromString(TimeUuid.next());
        UUID b = UUID.fromString(TimeUuid.next());
        assertNotEquals(0, a.node() & 1L << 40, "multicast bit of the first node octet");
        assertEquals(a.node(), b.node());
        assertEquals(a.clockSequence(), b.clockSequence());
    }

    @Test
    void countsHundredNanosecondTicksSinceTheGregorianReform() {
        long before = System.currentTimeMillis();
        UUID uuid = UUID.fromString(TimeUuid.next());
        long after = System.currentTimeMillis();
        long unixMillis = (uuid.timestamp() - TimeUuid.GREGORIAN_TO_UNIX_TICKS) / 10_000;
        // other tests may have pushed the counter ahead of the clock by up to one tick per call
        assertTrue(unixMillis >= before - 1 && unixMillis <= after + 1_000, unixMillis + " not in " + before + ".." + after);
    }

    @Test
    void laysOutTheFieldsLikePythonsUuid1() {
        // uuid.UUID(fields=(ts & 0xffffffff, ts >> 32 & 0xffff, ts >> 48 & 0xfff, cs >> 8 & 0x3f, cs & 0xff, node),
        //           version=1) for ts = 0x1ef0b2c3d4e5f67, cs = 0x2abc, node = 0x0123456789ab
        assertEquals("3d4e5f67-0b2c-11ef-aabc-0123456789ab", TimeUuid.format(0x1ef0b2c3d4e5f67L, 0x2abc, 0x0123456789abL));
        // 2024-05-06T07:08:09.123456Z
        assertEquals("64c22900-0b77-11ef-aabc-0123456789ab", TimeUuid.format(0x1ef0b7764c22900L, 0x2abc, 0x0123456789abL));
    }

    @Test
    void isUniqueAndStrictlyIncreasingOverManyCallsInTheSameTick() {
        int calls = 100_000;
        Set<String> seen = new HashSet<>(calls * 2);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < calls; i++) {
            String text = TimeUuid.next();
            assertTrue(seen.add(text), "duplicate " + text);
            long timestamp = UUID.fromString(text).timestamp();
            assertTrue(timestamp > previous, "timestamp went from " + previous + " to " + timestamp);
            previous = timestamp;
        }
    }

    @Test
    void isUniqueAndIncreasingPerThreadUnderContention() throws Exception {
        int threads = 4;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(TimeUuid.next());
                    }
                    return ids;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                long previous = Long.MIN_VALUE;
                for (String id : f.get(60, TimeUnit.SECONDS)) {
                    assertTrue(all.add(id), "duplicate " + id);
                    long timestamp = UUID.fromString(id).timestamp();
                    assertTrue(timestamp > previous);
                    previous = timestamp;
                }
            }
            assertEquals(threads * perThread, all.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
