package org.alidade.pollster.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.pollster.hardware.discovery.HardwareTargetDiscoveryAccess;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.local.LocalInspector;
import org.alidade.pollster.hardware.meter.HardwareMeter;
import org.alidade.pollster.hardware.meter.HardwareMeters;
import org.alidade.pollster.hardware.snmp.SnmpInspector;
import org.alidade.pollster.hardware.snmp.SnmpSettings;
import org.alidade.pollster.hardware.snmp.Snmpd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The meters over SNMP against a real snmpd: ids, metadata, credentials, one read per host per cycle. */
class SnmpPollingTest {

    private static Snmpd snmpd;
    private static SnmpInspector snmp;
    private static HostReaders readers;

    @BeforeAll
    static void start() throws Exception {
        snmpd = Snmpd.start(1);
        HostLog log = new HostLog();
        snmp = new SnmpInspector(new SnmpSettings(2000, 1, 8, Snmpd.COMMUNITY, null), log);
        readers = new HostReaders(new LocalInspector(), snmp, log);
    }

    @AfterAll
    static void stop() {
        snmp.close();
        snmpd.close();
    }

    @Test
    void everyServedMeterGivesSamplesWithDistinctIdsAndNoCredentials() throws Exception {
        String url = "snmp://" + Snmpd.V3_USER + ":" + Snmpd.V3_AUTH + "@127.0.0.1:" + snmpd.port()
                + "?auth_proto=sha&priv_proto=aes128&priv_password=" + Snmpd.V3_PRIV;
        TestContext cycle = new TestContext("agent-host");
        long before = snmp.requestsSent();
        List<String> silent = new ArrayList<>();
        for (HardwareMeter m : HardwareMeters.all()) {
            List<Sample> samples = new ArrayList<>();
            new MeterPollster(m, readers).getSamples(cycle, List.of(Resource.of(url)), samples::add);
            if (samples.isEmpty()) {
                silent.add(m.name());
            }
            assertEquals(samples.size(), samples.stream().map(Sample::resourceId).distinct().count(), m.name());
            for (Sample s : samples) {
                assertTrue(s.resourceId().startsWith("127.0.0.1:" + snmpd.port()), s.resourceId());
                assertEquals("snmp://127.0.0.1:" + snmpd.port(), s.resourceMetadata().get("resource_url"));
                String text = s.resourceId() + s.resourceMetadata();
                assertFalse(text.contains(Snmpd.V3_AUTH) || text.contains(Snmpd.V3_PRIV), text);
            }
            if (m.name().startsWith("hardware.disk.read") || m.name().startsWith("hardware.disk.write")) {
                assertFalse(samples.isEmpty(), m.name());
                assertTrue(samples.stream().allMatch(s -> s.resourceId().equals("127.0.0.1:" + snmpd.port() + "."
                        + s.resourceMetadata().get("device"))), m.name() + " is per device");
            }
        }
        // a container's snmpd has no CPU percentages for its first minute; the rest is served
        assertTrue(List.of("hardware.cpu.util", "hardware.system_stats.cpu.idle").containsAll(silent), silent.toString());
        long requests = snmp.requestsSent() - before;
        assertTrue(requests < 20, "31 meters cost one read of the host: " + requests + " requests");
    }

    @Test
    void theDiscoveryGivesCredentialFreeIdsAndDefaultsApply() throws Exception {
        List<Resource> found = HardwareTargetDiscoveryAccess.resources(
                "snmp://127.0.0.1:" + snmpd.port(), "snmp://x:y@bad?auth_proto=zz");
        assertEquals(1, found.size());
        Resource r = found.get(0);
        assertEquals("snmp://127.0.0.1:" + snmpd.port(), r.id());
        List<Sample> samples = new ArrayList<>();
        HardwareMeter total = HardwareMeters.all().stream().filter(m -> m.name().equals("hardware.memory.total"))
                .findFirst().orElseThrow();
        new MeterPollster(total, readers).getSamples(new TestContext("agent-host"), found, samples::add);
        assertEquals(1, samples.size());
        Map<String, String> v = snmpd.get(snmpd.port(), "1.3.6.1.4.1.2021.4.5.0");
        assertEquals(Long.parseLong(v.get("1.3.6.1.4.1.2021.4.5.0")), samples.get(0).volume());
    }
}
