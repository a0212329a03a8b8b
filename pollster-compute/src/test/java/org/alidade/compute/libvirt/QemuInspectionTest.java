package org.alidade.compute.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.NovaInstance;
import org.alidade.compute.inspector.PowerState;
import org.alidade.compute.inspector.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The inspector's reading of a qemu host's bulk statistics (the test driver answers only the
 * state): everything comes from the one bulk call, as Ceilometer computes it, and no per-domain
 * call is made (the entry has no domain handle to make one with).
 */
class QemuInspectionTest {

    private static final String UUID = "6a1b2c3d-0000-4000-8000-000000000007";

    private final LibvirtInspector inspector =
            new LibvirtInspector("test:///default", true, new ReconnectPolicy(1, Duration.ZERO, Duration.ZERO));
    private final DomainDescription domain = new DomainDescription(UUID, "instance-00000007", "x86_64", "hvm",
            new NovaInstance("vm-7", "m1.small", "2", 2, 2048, 20, 0, 0, "u", null, "p", null, null),
            List.of(new DomainDescription.Disk("vda", "/var/lib/nova/instances/7/disk"),
                    new DomainDescription.Disk("vdb", "/var/lib/nova/instances/7/disk.eph0")),
            List.of(new DomainDescription.Nic("tap7-0", "fa:16:3e:00:00:01", null, Map.of()),
                    new DomainDescription.Nic("tap7-1", "fa:16:3e:00:00:02", null, Map.of())));

    private Snapshot snapshot(QemuStats q) {
        BulkStats stats = new BulkStats.Reader().read(q.pointer(), q.count());
        return new Snapshot(Map.of(UUID, new Snapshot.DomainState(domain, PowerState.RUNNING)), 1.0,
                Map.of(UUID, new LibvirtInspector.Entry(null, stats)));
    }

    @Test
    void instanceFiguresComeFromTheBulkStatistics() throws Exception {
        InstanceStats s = inspector.inspectInstance(snapshot(QemuStats.domain(2, 2, 2, 7)), domain);

        assertEquals(PowerState.RUNNING, s.state());
        // Σ vcpu.i.time + vcpu.i.wait: (400000007 + 1000) + (400000008 + 1001)
        assertEquals(800_002_016L, s.cpuTime());
        assertEquals(2, s.cpuNumber());
        assertEquals((2_097_152 + "current".length() + 7) / 1024.0, s.memoryActual());
        assertEquals((2_097_152 + "rss".length() + 7) / 1024.0, s.memoryResident());
        // available − usable
        assertEquals(("available".length() - "usable".length()) / 1024.0, s.memoryUsage());
        assertEquals((2_097_152 + "available".length() + 7) / 1024.0, s.memoryAvailable());
        assertEquals((2_097_152 + "swap_in".length() + 7) / 1024.0, s.memorySwapIn());
        assertEquals((2_097_152 + "swap_out".length() + 7) / 1024.0, s.memorySwapOut());
    }

    @Test
    void cpuFallsBackToCpuTimeWhenAVcpuLacksItsTimes() throws Exception {
        QemuStats q = new QemuStats()
                .add("state.state", LibvirtNative.TYPED_PARAM_INT, 1)
                .add("cpu.time", LibvirtNative.TYPED_PARAM_ULLONG, 5_000L)
                .add("vcpu.current", LibvirtNative.TYPED_PARAM_UINT, 2)
                .add("vcpu.maximum", LibvirtNative.TYPED_PARAM_UINT, 2)
                .add("vcpu.0.time", LibvirtNative.TYPED_PARAM_ULLONG, 1_000L)
                .add("vcpu.0.wait", LibvirtNative.TYPED_PARAM_ULLONG, 10L)
                .add("vcpu.1.time", LibvirtNative.TYPED_PARAM_ULLONG, 2_000L)
                .add("balloon.current", LibvirtNative.TYPED_PARAM_ULLONG, 1024L);
        InstanceStats s = inspector.inspectInstance(snapshot(q), domain);

        assertEquals(5_000L, s.cpuTime());
        assertEquals(1.0, s.memoryActual());
        assertNull(s.memoryUsage(), "no available memory: no usage");
        assertNull(s.memorySwapIn());
    }

    @Test
    void disksAndNicsComeFromTheirBlockAndNetGroups() throws Exception {
        Snapshot snapshot = snapshot(QemuStats.domain(2, 2, 2, 7));
        List<DiskStats> disks = inspector.inspectDisks(snapshot, domain);
        List<NicStats> nics = inspector.inspectVnics(snapshot, domain);

        assertEquals(2, disks.size());
        DiskStats vdb = disks.get(1);
        assertEquals("vdb", vdb.disk().device());
        assertEquals(200_000L + "rd.reqs".length() + 7, vdb.readRequests());
        assertEquals(200_000L + "wr.bytes".length() + 7, vdb.writeBytes());
        assertEquals(200_000L + "rd.times".length() + 7, vdb.readLatency());
        assertEquals(200_000L + "capacity".length() + 7, vdb.capacity());
        assertEquals(200_000L + "physical".length() + 7, vdb.physical());

        assertEquals(2, nics.size());
        NicStats tap1 = nics.get(1);
        assertEquals("tap7-1", tap1.nic().name());
        assertEquals(20_000L + "rx.bytes".length() + 7, tap1.rxBytes());
        assertEquals(20_000L + "tx.drop".length() + 7, tap1.txDrop());
    }
}
