package org.alidade.compute.pollster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.alidade.compute.libvirt.LibvirtInspector;
import org.alidade.compute.libvirt.TestInspectors;
import org.alidade.compute.testing.LibvirtDaemon;
import org.alidade.compute.testing.Nodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compute pollsters over libvirt's remote protocol: node-30.xml opened by a libvirtd of the
 * test's own, as a real host's {@code qemu:///system} connection reaches its daemon. The daemon
 * checks what the in-process driver lets through (the remote protocol's limits on parameter
 * counts, for one), so a call that works in-process can fail here.
 */
class RemoteProtocolTest {

    static LibvirtDaemon daemon;
    static LibvirtInspector remote;
    static LibvirtInspector local;

    @BeforeAll
    static void open() throws Exception {
        daemon = LibvirtDaemon.start();
        remote = TestInspectors.readOnly(daemon.fixture("node-30.xml"));
        local = TestInspectors.readOnly(Nodes.fixture("node-30.xml"));
    }

    @AfterAll
    static void close() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (local != null) {
            local.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyRunningNovaInstanceGetsEveryMeterOverTheRemoteProtocolToo() throws Exception {
        List<Sample> samples = new Polling(remote).cycle();
        Set<String> actual = Polling.keys(samples);
        assertEquals(ComputePollstersTest.expectedSamples(), actual);
        assertEquals(actual.size(), samples.size(), "one sample per meter and resource");
    }

    @Test
    void theSamplesAreTheInProcessDriversWithTheirMetadataAndGaugeValues() throws Exception {
        Map<String, String> overRpc = described(new Polling(remote).cycle());
        Map<String, String> inProcess = described(new Polling(local).cycle());
        Set<String> differ = new TreeSet<>();
        for (String k : inProcess.keySet()) {
            if (!inProcess.get(k).equals(overRpc.get(k))) {
                differ.add(k.split(" ")[0]);
            }
        }
        assertEquals(inProcess.keySet(), overRpc.keySet());
        assertEquals(Set.of(), differ, "meters whose samples differ");
    }

    @Test
    void aCycleCostsTheSameCallsAsInProcess() throws Exception {
        Polling polling = new Polling(remote);
        polling.cycle(); // descriptions cached, unsupported calls known
        long before = remote.hypervisorCalls();
        polling.cycle();
        assertEquals(ComputePollstersTest.expectedCallsPerCycle(), remote.hypervisorCalls() - before,
                "libvirt calls of a second cycle of all " + Meters.ALL.size() + " meters");
    }

    /**
     * Per (meter, resource id): type, unit, owner, metadata and a gauge's value. The test driver's
     * counters (cpu time, disk and NIC traffic) follow the clock, so they differ between two reads.
     */
    private static Map<String, String> described(List<Sample> samples) {
        Map<String, String> out = new TreeMap<>();
        for (Sample s : samples) {
            Object volume = s.type() == SampleType.GAUGE ? s.volume() : "counter";
            out.put(s.name() + " " + s.resourceId(), s.type() + " " + s.unit() + " " + volume + " " + s.userId()
                    + " " + s.projectId() + " " + new TreeMap<>(s.resourceMetadata()));
        }
        return out;
    }

    @Test
    void afterLibvirtdRestartsTheNextCycleHasEverySampleAgain() throws Exception {
        try (LibvirtDaemon own = LibvirtDaemon.start();
                LibvirtInspector inspector = TestInspectors.readOnly(own.fixture("node-30.xml"))) {
            Polling polling = new Polling(inspector);
            Set<String> expected = ComputePollstersTest.expectedSamples();
            assertEquals(expected, Polling.keys(polling.cycle()));
            own.stop();
            assertEquals(List.of(), polling.cycle(), "while libvirtd is down: no instances (the inspector logs why)");
            own.restart();
            assertEquals(expected, Polling.keys(polling.cycle()), "the first cycle after the restart");
            own.restart(); // now while the inspector holds a connection that was alive at its last call
            assertEquals(expected, Polling.keys(polling.cycle()), "the first cycle after a restart between cycles");
        }
    }

    @Test
    void aPerDiskCallThatFailsCostsOnlyItsOwnMeters() throws Exception {
        // asked for 17 parameters, libvirtd refuses virDomainBlockStatsFlags ("nparams too large"):
        // a real error of the call behind the latency meters, for every disk of node-30, whose
        // disks are all read with the per-disk calls (the test driver's bulk statistics have none)
        try (LibvirtInspector refused = TestInspectors.askingForBlockParams(daemon.fixture("node-30.xml"), 17)) {
            Polling polling = new Polling(refused);
            Set<String> latency = Set.of("disk.device.read.latency", "disk.device.write.latency");
            Set<String> expected = new TreeSet<>(ComputePollstersTest.expectedSamples());
            expected.removeIf(k -> latency.contains(k.split(" ")[0]));

            String log = Polling.logOf(() -> assertEquals(expected, Polling.keys(polling.cycle())));
            assertEquals(latency, new TreeSet<>(Polling.warnedMeters(log)), "one warning per latency meter:\n" + log);
            assertEquals(2, Polling.warnedMeters(log).size(), log);
            for (String line : Polling.warnings(log)) {
                assertTrue(line.matches(".*: " + ComputePollstersTest.noDataForEveryRunningInstance() + ", the first (\\S+): "
                        + "virDomainBlockStatsFlags\\(\\1, vda\\): .*nparams too large.*"), line);
            }
            assertEquals(List.of(), log.lines().filter(l -> l.contains(".latency: the hypervisor supplies no value")).toList(),
                    "a failure is not an absence");
        }
    }
}
