package org.alidade.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading {@code virConnectGetAllDomainStats} records as qemu gives them (built in native memory). */
class BulkStatsTest {

    private final BulkStats.Reader reader = new BulkStats.Reader();

    @Test
    void readsEveryGroupOfAQemuDomain() {
        QemuStats q = QemuStats.domain(2, 2, 2, 7);
        BulkStats s = reader.read(q.pointer(), q.count());

        assertEquals(1L, s.number("state.state"));
        assertEquals(1_000_000_007L, s.number("cpu.time"));
        assertEquals(2L, s.number("vcpu.current"));
        assertEquals(400_000_008L, s.number("vcpu.1.time"));
        assertEquals(2_097_152L + "rss".length() + 7, s.number("balloon.rss"));
        assertTrue(s.hasGroup("balloon."));
        assertFalse(s.hasGroup("perf."));

        assertEquals("block.1", s.block("vdb"));
        assertEquals(200_000L + "rd.bytes".length() + 7, s.number(s.block("vdb") + ".rd.bytes"));
        assertEquals("/var/lib/nova/instances/7/disk.eph0", s.string("block.1.path"));
        assertEquals("net.1", s.net("tap7-1"));
        assertEquals(20_000L + "tx.drop".length() + 7, s.number(s.net("tap7-1") + ".tx.drop"));
        assertNull(s.block("vdz"));
        assertNull(s.net("tap-none"));
        assertEquals("vda,vdb,;tap7-0,tap7-1,;", s.devices());

        assertNull(s.number("block.0.name"), "a string is not a number");
        assertNull(s.string("cpu.time"), "a number is not a string");
        assertNull(s.number("vcpu.0.halted"), "a boolean is not a number");
        assertNull(s.number("cpu.nothing"));
    }

    @Test
    void readsSignedAndUnsignedIntegersAndSkipsWhatItCannotRead() {
        QemuStats q = new QemuStats()
                .add("a.int", LibvirtNative.TYPED_PARAM_INT, -1)
                .add("a.uint", LibvirtNative.TYPED_PARAM_UINT, -1)
                .add("a.ullong", LibvirtNative.TYPED_PARAM_ULLONG, Long.MAX_VALUE)
                .add("a.double", LibvirtNative.TYPED_PARAM_DOUBLE, 0.5)
                .add("a.null-string", LibvirtNative.TYPED_PARAM_STRING, null)
                .add("a.unknown-type", 99, 5)
                .add("a.twice", LibvirtNative.TYPED_PARAM_ULLONG, 1)
                .add("a.twice", LibvirtNative.TYPED_PARAM_ULLONG, 2)
                .add("a.last", LibvirtNative.TYPED_PARAM_STRING, "é");
        BulkStats s = reader.read(q.pointer(), q.count());

        assertEquals(-1L, s.number("a.int"));
        assertEquals(4_294_967_295L, s.number("a.uint"));
        assertEquals(Long.MAX_VALUE, s.number("a.ullong"));
        assertNull(s.number("a.double"));
        assertNull(s.string("a.null-string"));
        assertNull(s.number("a.unknown-type"));
        assertFalse(s.hasGroup("a.unknown"));
        assertEquals(2L, s.number("a.twice"), "the later of a field given twice, as a map would keep it");
        assertEquals("é", s.string("a.last"));
    }

    @Test
    void recordsOfAlikeDomainsShareTheirFieldNames() {
        QemuStats a = QemuStats.domain(1, 1, 1, 1);
        QemuStats b = QemuStats.domain(1, 1, 1, 2);
        BulkStats first = reader.read(a.pointer(), a.count());
        BulkStats second = reader.read(b.pointer(), b.count());
        assertEquals(1_000_000_001L, first.number("cpu.time"));
        assertEquals(1_000_000_002L, second.number("cpu.time"));
        assertEquals("tap1-0", first.string("net.0.name"));
        assertEquals("tap2-0", second.string("net.0.name"));
        assertSame(first.layout, second.layout, "one layout (names, types, index) for domains with the same fields");
        QemuStats bigger = QemuStats.domain(1, 2, 1, 3);
        BulkStats third = reader.read(bigger.pointer(), bigger.count());
        assertFalse(third.layout == first.layout);
        assertEquals("block.1", third.block("vdb"));
    }

    @Test
    void fieldNamesPastTheirBoundAreStillRight() {
        BulkStats.FieldNames names = new BulkStats.FieldNames(2);
        byte[] raw = "cpu.timevcpu.0.timeblock.0.rd.bytesnet.0.rx.bytes".getBytes(StandardCharsets.US_ASCII);
        String cpu = names.name(raw, 0, 8);
        String vcpu = names.name(raw, 8, 11);
        assertEquals("cpu.time", cpu);
        assertEquals("vcpu.0.time", vcpu);
        assertEquals("block.0.rd.bytes", names.name(raw, 19, 16));
        assertEquals("net.0.rx.bytes", names.name(raw, 35, 14));
        assertEquals("block.0.rd.bytes", names.name(raw, 19, 16));
        assertSame(cpu, names.name(raw, 0, 8), "a name met before is not made again");
        assertSame(vcpu, names.name(raw, 8, 11));
    }
}
