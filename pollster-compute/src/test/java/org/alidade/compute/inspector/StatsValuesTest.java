package org.alidade.compute.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The statistics keep their figures unboxed: each reads back as given, a missing one as null. */
class StatsValuesTest {

    @Test
    void everyFigureReadsBackAsGivenAndAMissingOneAsNull() {
        InstanceStats s = new InstanceStats(PowerState.of(1), -1L, 4, null, 0.5, -0.0, Double.NaN, 2048.25, null);
        assertEquals(-1L, s.cpuTime()); // a real -1 is not "missing"
        assertEquals(4, s.cpuNumber());
        assertNull(s.memoryUsage());
        assertEquals(0.5, s.memoryResident());
        assertEquals(-0.0, s.memorySwapIn());
        assertEquals(Double.NaN, s.memorySwapOut());
        assertEquals(2048.25, s.memoryActual());
        assertNull(s.memoryAvailable());

        NicStats n = new NicStats(null, Long.MAX_VALUE, null, 0L, 1L, 2L, 3L, null, Long.MIN_VALUE);
        assertEquals(Long.MAX_VALUE, n.rxBytes());
        assertNull(n.rxPackets());
        assertEquals(0L, n.rxErrors());
        assertNull(n.txErrors());
        assertEquals(Long.MIN_VALUE, n.txDrop());

        DiskStats d = new DiskStats(null, 1L, 2L, 3L, 4L, null, 6L, 7L, null, 9L);
        assertEquals(4L, d.writeBytes());
        assertNull(d.readLatency());
        assertNull(d.allocation());
        assertEquals(9L, d.physical());
        assertEquals(DiskStats.Failures.NONE, d.failures());
    }

    @Test
    void equalFiguresMakeEqualValuesAndAMissingOneDiffersFromZero() {
        assertEquals(new NicStats(null, 1L, 2L, null, 4L, 5L, 6L, 7L, 8L),
                new NicStats(null, 1L, 2L, null, 4L, 5L, 6L, 7L, 8L));
        assertEquals(new NicStats(null, 1L, 2L, null, 4L, 5L, 6L, 7L, 8L).hashCode(),
                new NicStats(null, 1L, 2L, null, 4L, 5L, 6L, 7L, 8L).hashCode());
        assertNotEquals(new NicStats(null, 1L, 2L, null, 4L, 5L, 6L, 7L, 8L),
                new NicStats(null, 1L, 2L, 0L, 4L, 5L, 6L, 7L, 8L));
        assertEquals("DiskStats[disk=null, readRequests=1, readBytes=null, writeRequests=null, writeBytes=null, "
                + "readLatency=null, writeLatency=null, capacity=null, allocation=null, physical=null, "
                + "failures=Failures[io=null, latency=null, info=null]]",
                new DiskStats(null, 1L, null, null, null, null, null, null, null, null).toString());
    }
}
