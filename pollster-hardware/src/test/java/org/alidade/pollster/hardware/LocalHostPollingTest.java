package org.alidade.pollster.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.alidade.api.PollsterPermanentException;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.local.LocalInspector;
import org.alidade.pollster.hardware.meter.HardwareMeter;
import org.alidade.pollster.hardware.meter.HardwareMeters;
import org.alidade.pollster.hardware.snmp.SnmpInspector;
import org.alidade.pollster.hardware.snmp.SnmpSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every hardware.* meter on the local node, as {@code meters = hardware.*, discovery = local_node} polls it. */
class LocalHostPollingTest {

    private static final String HOST = "compute-7.example";

    private SnmpInspector snmp;
    private HostReaders readers;

    @BeforeEach
    void setUp() throws Exception {
        HostLog log = new HostLog();
        snmp = new SnmpInspector(SnmpSettings.defaults(), log);
        readers = new HostReaders(new LocalInspector(), snmp, log);
    }

    @AfterEach
    void tearDown() {
        snmp.close();
    }

    @Test
    void everyMeterGivesSamplesForTheLocalNode() throws Exception {
        TestContext cycle = new TestContext(HOST);
        Set<String> ids = new HashSet<>();
        List<String> silent = new ArrayList<>();
        for (HardwareMeter m : HardwareMeters.all()) {
            MeterPollster p = new MeterPollster(m, readers);
            assertEquals("local_node", p.defaultDiscovery().orElseThrow());
            List<Sample> samples = new ArrayList<>();
            p.getSamples(cycle, List.of(Resource.of(HOST)), samples::add);
            if (samples.isEmpty()) {
                silent.add(m.name());
            }
            for (Sample s : samples) {
                assertEquals(m.name(), s.name());
                assertEquals("hardware", s.source());
                assertEquals(m.unit(), s.unit());
                assertTrue(s.resourceId().equals(HOST) || s.resourceId().startsWith(HOST + "."), s.resourceId());
                Object expected = m.name().startsWith("hardware.cpu.load.") ? Double.class : Long.class;
                assertEquals(expected, s.volume().getClass(), "JSON type of " + s);
                ids.add(m.name() + " " + s.resourceId());
            }
            long distinct = samples.stream().map(Sample::resourceId).distinct().count();
            assertEquals(samples.size(), distinct, "per-device resource ids of " + m.name() + " are distinct");
        }
        assertTrue(silent.isEmpty(), "meters without samples on this host: " + silent);
        assertEquals(31, HardwareMeters.all().size());
        assertTrue(ids.contains("hardware.memory.total " + HOST));
    }

    @Test
    void memoryUsedIsTotalMinusFree() throws Exception {
        TestContext cycle = new TestContext(HOST);
        long total = volume(cycle, "hardware.memory.total");
        long used = volume(cycle, "hardware.memory.used");
        long free = LocalInspectorFacts.memFree();
        assertEquals(total - free, used, 65536.0);
    }

    @Test
    void nicSamplesCarryUpstreamMetadata() throws Exception {
        List<Sample> samples = samples(new TestContext(HOST), "hardware.network.incoming.bytes");
        Sample lo = samples.stream().filter(s -> s.resourceId().equals(HOST + ".lo")).findFirst().orElseThrow();
        assertEquals("lo", lo.resourceMetadata().get("name"));
        assertEquals("127.0.0.1", lo.resourceMetadata().get("ip"));
        assertTrue(lo.resourceMetadata().containsKey("mac"));
        assertTrue(lo.resourceMetadata().get("speed") instanceof Double);
    }

    @Test
    void aResourceThatIsNeitherSnmpNorThisHostIsBlacklistedWithoutItsCredentials() {
        MeterPollster p = new MeterPollster(HardwareMeters.all().get(0), readers);
        PollsterPermanentException e = assertThrows(PollsterPermanentException.class, () -> p.getSamples(
                new TestContext(HOST), List.of(Resource.of("other-host"), Resource.of("snmp://u:secretpw@h?auth_proto=xx")),
                s -> { }));
        assertEquals(2, e.resources().size());
        assertTrue(e.getMessage().contains("neither an snmp:// URL nor this agent's host"), e.getMessage());
        assertFalse(e.getMessage().contains("secretpw"), e.getMessage());
    }

    @Test
    void oneLocalReadServesAllMetersOfACycle() throws Exception {
        TestContext cycle = new TestContext(HOST);
        samples(cycle, "hardware.cpu.user");
        HostReaders.Host first = readers.resolve(cycle, Resource.of(HOST));
        HostReaders.Host second = readers.resolve(cycle, Resource.of(HOST));
        assertTrue(first.reading() == second.reading(), "same cached read");
    }

    private long volume(TestContext cycle, String meter) throws Exception {
        return (Long) samples(cycle, meter).get(0).volume();
    }

    private List<Sample> samples(TestContext cycle, String meter) throws Exception {
        HardwareMeter m = HardwareMeters.all().stream().filter(x -> x.name().equals(meter)).findFirst().orElseThrow();
        List<Sample> out = new ArrayList<>();
        new MeterPollster(m, readers).getSamples(cycle, List.of(Resource.of(HOST)), out::add);
        return out.stream().collect(Collectors.toList());
    }

    /** What the test reads from /proc itself. */
    static final class LocalInspectorFacts {
        static long memFree() throws java.io.IOException {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemFree:")).map(l -> Long.parseLong(l.split("\\s+")[1])).findFirst()
                    .orElseThrow();
        }
    }
}
