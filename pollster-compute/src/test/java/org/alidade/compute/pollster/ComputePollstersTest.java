package org.alidade.compute.pollster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.alidade.compute.libvirt.LibvirtInspector;
import org.alidade.compute.libvirt.TestInspectors;
import org.alidade.compute.testing.Nodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compute pollsters on libvirt's test driver with the shared node-30.xml, against reference §4.1. */
class ComputePollstersTest {

    static final int N = 30;
    static LibvirtInspector inspector;
    static Polling polling;

    @BeforeAll
    static void open() {
        inspector = TestInspectors.readOnly(Nodes.fixture("node-30.xml"));
        polling = new Polling(inspector);
    }

    @AfterAll
    static void close() {
        inspector.close();
    }

    static String uuid(int k) {
        return String.format("00000000-0000-4000-8000-%012x", k);
    }

    static boolean polled(int k) {
        return k % 25 != 24 && k % 10 != 9;
    }

    /**
     * How a meter's one line a cycle counts a failure of every running instance: {@code no data
     * for <running> of <Nova instances> instances} (k = 24 has no Nova metadata).
     */
    static String noDataForEveryRunningInstance() {
        long running = java.util.stream.IntStream.range(0, N).filter(ComputePollstersTest::polled).count();
        long nova = java.util.stream.IntStream.range(0, N).filter(k -> k % 25 != 24).count();
        return "no data for " + running + " of " + nova + " instances";
    }

    /** (meter, resource id) of every sample the test driver can supply: reference §4.1 resource ids. */
    static Set<String> expectedSamples() {
        Set<String> expected = new TreeSet<>();
        for (int k = 0; k < N; k++) {
            if (!polled(k)) {
                continue;
            }
            String uuid = uuid(k);
            for (String m : List.of("cpu", "vcpus", "memory", "power.state", "disk.root.size", "disk.ephemeral.size")) {
                expected.add(m + " " + uuid);
            }
            List<String> devs = k % 2 == 1 ? List.of("vda", "vdb") : List.of("vda");
            for (String dev : devs) {
                for (String m : List.of("read.requests", "read.bytes", "write.requests", "write.bytes", "capacity",
                        "allocation", "usage")) {
                    expected.add("disk.device." + m + " " + uuid + "-" + dev);
                }
            }
            List<String> taps = k % 2 == 1 ? List.of("a", "b") : List.of("a");
            for (String t : taps) {
                String rid = String.format("instance-%08x-%s-tap%08x%s", k, uuid, k, t);
                for (String m : List.of("incoming.bytes", "incoming.packets", "incoming.packets.error",
                        "incoming.packets.drop", "outgoing.bytes", "outgoing.packets", "outgoing.packets.error",
                        "outgoing.packets.drop", "incoming.bytes.delta", "outgoing.bytes.delta")) {
                    expected.add("network." + m + " " + rid);
                }
            }
        }
        return expected;
    }

    @Test
    void everyRunningNovaInstanceGetsEveryMeterTheTestDriverSupplies() throws Exception {
        List<Sample> samples = polling.cycle();
        Set<String> actual = samples.stream().map(s -> s.name() + " " + s.resourceId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedSamples(), actual);
        assertEquals(actual.size(), samples.size(), "one sample per meter and resource");
    }

    @Test
    void namesTypesAndUnitsAreTheReferences() throws Exception {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("cpu", "cumulative ns"), Map.entry("vcpus", "gauge vcpu"), Map.entry("memory", "gauge MiB"),
                Map.entry("memory.usage", "gauge MiB"), Map.entry("memory.available", "gauge MiB"),
                Map.entry("memory.resident", "gauge MiB"), Map.entry("memory.swap.in", "cumulative MiB"),
                Map.entry("memory.swap.out", "cumulative MiB"), Map.entry("power.state", "gauge "),
                Map.entry("disk.root.size", "gauge GiB"), Map.entry("disk.ephemeral.size", "gauge GiB"),
                Map.entry("disk.device.read.requests", "cumulative request"),
                Map.entry("disk.device.read.bytes", "cumulative B"),
                Map.entry("disk.device.write.requests", "cumulative request"),
                Map.entry("disk.device.write.bytes", "cumulative B"),
                Map.entry("disk.device.read.latency", "cumulative ns"),
                Map.entry("disk.device.write.latency", "cumulative ns"),
                Map.entry("disk.device.capacity", "gauge B"), Map.entry("disk.device.allocation", "gauge B"),
                Map.entry("disk.device.usage", "gauge B"), Map.entry("network.incoming.bytes", "cumulative B"),
                Map.entry("network.incoming.packets", "cumulative packet"),
                Map.entry("network.incoming.packets.error", "cumulative packet"),
                Map.entry("network.incoming.packets.drop", "cumulative packet"),
                Map.entry("network.outgoing.bytes", "cumulative B"),
                Map.entry("network.outgoing.packets", "cumulative packet"),
                Map.entry("network.outgoing.packets.error", "cumulative packet"),
                Map.entry("network.outgoing.packets.drop", "cumulative packet"),
                Map.entry("network.incoming.bytes.delta", "delta B"),
                Map.entry("network.outgoing.bytes.delta", "delta B")));
        Map<String, String> declared = new TreeMap<>();
        for (Meter m : Meters.ALL) {
            declared.put(m.name(), m.type().wireName() + " " + m.unit());
        }
        assertEquals(expected, declared);
        for (Sample s : polling.cycle()) {
            assertEquals(expected.get(s.name()), s.type().wireName() + " " + s.unit(), s.name());
        }
    }

    @Test
    void valuesKeepTheirJsonTypesAndComeFromTheInstance() throws Exception {
        Map<String, Sample> byKey = new HashMap<>();
        for (Sample s : polling.cycle()) {
            byKey.put(s.name() + " " + s.resourceId(), s);
        }
        String tiny = uuid(0);
        String small = uuid(1);
        assertEquals(512.0, byKey.get("memory " + tiny).volume(), "memory is a float of MiB (currentMemory 524288 KiB)");
        assertEquals(2048.0, byKey.get("memory " + small).volume());
        assertEquals(1, byKey.get("vcpus " + tiny).volume());
        assertEquals(2, byKey.get("vcpus " + small).volume());
        assertEquals(1, byKey.get("power.state " + small).volume());
        assertEquals(20, byKey.get("disk.root.size " + small).volume());
        assertEquals(0, byKey.get("disk.ephemeral.size " + small).volume());
        assertInstanceOf(Long.class, byKey.get("cpu " + small).volume());
        assertEquals(2, byKey.get("cpu " + small).resourceMetadata().get("cpu_number"));
        Sample read = byKey.get("disk.device.read.bytes " + small + "-vdb");
        assertInstanceOf(Long.class, read.volume());
        assertEquals("vdb", read.resourceMetadata().get("disk_name"));
        assertEquals(1099511627776L, byKey.get("disk.device.capacity " + small + "-vda").volume(),
                "max(capacity, physical) of the test driver's block info");
        assertEquals("user-1", read.userId());
        assertEquals("project-1", read.projectId());
        assertNull(read.userName());
        assertNull(read.projectName());
        assertTrue(read.monotonicTime() > 0);
        for (Sample s : byKey.values()) {
            assertEquals(s.name().equals("power.state") ? SampleType.GAUGE : s.type(), s.type());
        }
    }

    @Test
    void metadataIsTheInstancesWithNicFieldsAsTheReferenceSays() throws Exception {
        String uuid = uuid(3);
        Sample nic = polling.cycle().stream()
                .filter(s -> s.name().equals("network.incoming.bytes") && s.resourceId().endsWith("tap00000003b"))
                .findFirst().orElseThrow();
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("id", "m1.small");
        flavor.put("name", "m1.small");
        flavor.put("vcpus", 2);
        flavor.put("ram", 2048);
        flavor.put("disk", 20);
        flavor.put("ephemeral", 0);
        flavor.put("swap", 0);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("interfaceid", null);
        params.put("bridge", "br-int");
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("display_name", "vm-3");
        md.put("name", "tap00000003b");
        md.put("instance_id", uuid);
        md.put("instance_type", "m1.small");
        md.put("host", org.alidade.compute.discovery.InstanceMetadata.hostId("project-3", Polling.HOST));
        md.put("instance_host", Polling.HOST);
        md.put("flavor", flavor);
        md.put("status", "active");
        md.put("state", "running");
        md.put("task_state", "");
        md.put("image", Map.of("id", "image-0"));
        md.put("image_ref", "image-0");
        md.put("image_ref_url", null);
        md.put("architecture", "x86_64");
        md.put("os_type", "hvm");
        md.put("vcpus", 2);
        md.put("memory_mb", 2048);
        md.put("disk_gb", 20);
        md.put("ephemeral_gb", 0);
        md.put("root_gb", 20);
        md.put("mac", "fa:16:3e:00:03:02");
        md.put("fref", null);
        md.put("parameters", params);
        md.put("vnic_name", "tap00000003b");
        assertEquals(md, nic.resourceMetadata());
        assertEquals(List.copyOf(md.keySet()), List.copyOf(nic.resourceMetadata().keySet()), "Ceilometer's key order");
    }

    @Test
    void bytesDeltaStartsAtZeroThenFollowsTheCounter() throws Exception {
        Polling fresh = new Polling(inspector);
        String rid = String.format("instance-%08x-%s-tap%08xa", 0, uuid(0), 0);
        Sample first = find(fresh.cycle(), "network.incoming.bytes.delta", rid);
        assertEquals(0L, first.volume());
        List<Sample> second = fresh.cycle();
        long delta = (Long) find(second, "network.incoming.bytes.delta", rid).volume();
        assertTrue(delta > 0, "the test driver's counters grow with its clock: " + delta);
        assertEquals(SampleType.DELTA, find(second, "network.outgoing.bytes.delta", rid).type());
    }

    @Test
    void allMetersOfACycleCostOneBulkCallAndOneCallPerInstanceMethod() throws Exception {
        polling.cycle(); // descriptions cached, unsupported calls known
        long before = inspector.hypervisorCalls();
        polling.cycle();
        assertEquals(expectedCallsPerCycle(), inspector.hypervisorCalls() - before,
                "libvirt calls of a second cycle of all " + Meters.ALL.size() + " meters");
    }

    @Test
    void metersPolledAtOnceOnManyThreadsShareTheCallsAndTheSamples() throws Exception {
        List<Sample> sequential = polling.cycle();
        for (int round = 0; round < 3; round++) {
            long before = inspector.hypervisorCalls();
            List<Sample> parallel = polling.parallelCycle(8);
            assertEquals(expectedCallsPerCycle(), inspector.hypervisorCalls() - before,
                    "meters of one instance on other threads wait for the first one's call (round " + round + ")");
            assertEquals(keys(sequential), keys(parallel));
        }
    }

    private static Set<String> keys(List<Sample> samples) {
        Set<String> keys = new TreeSet<>();
        for (Sample s : samples) {
            assertTrue(keys.add(s.name() + " " + s.resourceId()), "one sample per meter and resource: " + s);
        }
        return keys;
    }

    static long expectedCallsPerCycle() {
        long expected = 1; // virConnectGetAllDomainStats
        for (int k = 0; k < N; k++) {
            if (polled(k)) {
                int devices = k % 2 == 1 ? 2 : 1;
                // getInfo + memoryStats; blockStats + blockInfo per disk; interfaceStats per NIC
                expected += 2 + 2 * devices + devices;
            }
        }
        return expected;
    }

    static Sample find(List<Sample> samples, String name, String rid) {
        return samples.stream().filter(s -> s.name().equals(name) && s.resourceId().equals(rid)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " for " + rid));
    }
}
