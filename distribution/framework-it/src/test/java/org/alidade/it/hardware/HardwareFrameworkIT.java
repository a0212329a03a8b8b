package org.alidade.it.hardware;

import static org.alidade.it.felix.Eventually.eventually;
import static org.alidade.it.felix.Eventually.eventuallyEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.it.felix.RecordingSink.Received;
import org.alidade.it.felix.RunningAgent;
import org.alidade.pollster.hardware.snmp.Snmpd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The hardware family in a real Felix: the hardware bundle (SNMP4J embedded, the local
 * inspector), the discovery bundle and the engine. The local node through {@code local_node},
 * and a real snmpd on loopback ports (pollster-hardware's own launcher, from its test-jar) through
 * static {@code snmp://} resources, v2c and v3: values agree with {@code snmpget}/{@code snmpwalk}
 * read just before and just after the cycle, and no credential reaches a sample or the log.
 * Each source has a long interval, so that the test sees exactly one cycle, the first, which
 * starts as soon as the interval enters the plan.
 */
class HardwareFrameworkIT {

    private static final String HOST = "hw-fwit.example";
    private static final int INTERVAL = 3600;

    /** Reference §4.2, in its order: the meters the bundle must register (namespaces hardware and central). */
    private static final List<String> METERS = List.of("hardware.cpu.load.1min", "hardware.cpu.load.5min",
            "hardware.cpu.load.15min", "hardware.cpu.util", "hardware.cpu.user", "hardware.cpu.nice",
            "hardware.cpu.system", "hardware.cpu.idle", "hardware.cpu.wait", "hardware.cpu.kernel",
            "hardware.cpu.interrupt", "hardware.disk.size.total", "hardware.disk.size.used", "hardware.disk.read.bytes",
            "hardware.disk.write.bytes", "hardware.disk.read.requests", "hardware.disk.write.requests",
            "hardware.memory.total", "hardware.memory.used", "hardware.memory.swap.total",
            "hardware.memory.swap.avail", "hardware.memory.buffer", "hardware.memory.cached",
            "hardware.network.incoming.bytes", "hardware.network.outgoing.bytes", "hardware.network.outgoing.errors",
            "hardware.network.ip.outgoing.datagrams", "hardware.network.ip.incoming.datagrams",
            "hardware.system_stats.cpu.idle", "hardware.system_stats.io.outgoing.blocks",
            "hardware.system_stats.io.incoming.blocks");
    private static final List<String> SORTED = METERS.stream().sorted().toList();

    /** A container's snmpd has no CPU percentages in its first minute (pollster-hardware's SnmpPollingTest). */
    private static final Set<String> MAYBE_SILENT_OVER_SNMP = Set.of("hardware.cpu.util", "hardware.system_stats.cpu.idle");

    private static final String MEM_TOTAL = "1.3.6.1.4.1.2021.4.5.0";
    private static final String SWAP_TOTAL = "1.3.6.1.4.1.2021.4.3.0";
    private static final String IP_IN_RECEIVES = "1.3.6.1.2.1.4.3.0";
    private static final String IP_OUT_REQUESTS = "1.3.6.1.2.1.4.10.0";
    private static final String IF_DESCR = "1.3.6.1.2.1.2.2.1.2";
    private static final String IF_IN_OCTETS = "1.3.6.1.2.1.2.2.1.10";
    private static final String IF_OUT_OCTETS = "1.3.6.1.2.1.2.2.1.16";
    private static final String DISK_IO_DEVICE = "1.3.6.1.4.1.2021.13.15.1.1.2";
    private static final String DISK_IO_READS = "1.3.6.1.4.1.2021.13.15.1.1.5";

    private RunningAgent agent;
    private Snmpd snmpd;

    @AfterEach
    void stop() throws Exception {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            if (snmpd != null) {
                snmpd.close();
            }
        }
    }

    private void startAgent(TestInfo test) throws Exception {
        agent = RunningAgent.with(test.getTestMethod().orElseThrow().getName())
                .configure(RunningAgent.ENGINE_PID, Map.of("host", HOST))
                .bundles("discovery", "pollster-hardware")
                .start();
        // every pollster is registered before the source comes, so that the one cycle has them all
        eventuallyEquals("the hardware pollster services", SORTED, () -> agent.pollsterNames("hardware"));
        assertEquals(SORTED, agent.pollsterNames("central"), "hardware pollsters are in the central namespace too");
        eventually("the discoveries", agent::discoveryNames, names -> names.containsAll(List.of("local_node",
                "hardware_targets")));
    }

    @Test
    void theLocalNodeGivesEveryHardwareMeterForTheAgentsHost(TestInfo test) throws Exception {
        startAgent(test);
        agent.source("local", Map.of("name", "local", "interval", INTERVAL, "meters", "hardware.*",
                "discovery", "local_node"));
        List<Received> samples = oneCycle("local");

        Map<String, List<Received>> byMeter = samples.stream().collect(Collectors.groupingBy(Received::meter));
        assertEquals(new TreeSet<>(METERS), new TreeSet<>(byMeter.keySet()), "every hardware meter has samples");
        for (Received r : samples) {
            assertTrue(r.resourceId().equals(HOST) || r.resourceId().startsWith(HOST + "."),
                    "the configured host is the resource: " + r);
            assertEquals("hardware", r.message().get("source"), r.toString());
            assertTrue(r.signature().matches("[0-9a-f]{64}"), r.toString());
        }
        byMeter.forEach((meter, list) -> assertEquals(list.size(),
                list.stream().map(Received::resourceId).distinct().count(), "distinct resource ids of " + meter));

        long memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElseThrow();
        Received total = single(byMeter.get("hardware.memory.total"));
        assertEquals(HOST, total.resourceId());
        assertEquals(memTotal, total.volume(), "MemTotal of /proc/meminfo, KiB");
        Received lo = byMeter.get("hardware.network.incoming.bytes").stream()
                .filter(r -> r.resourceId().equals(HOST + ".lo")).findFirst().orElseThrow();
        assertEquals("lo", lo.metadata().get("name"));
        assertEquals("127.0.0.1", lo.metadata().get("ip"));
        assertInstanceOf(Long.class, lo.volume());
        assertNoErrors();
    }

    @Test
    void snmpResourcesAgreeWithSnmpgetAndNoCredentialLeaks(TestInfo test) throws Exception {
        snmpd = Snmpd.start(2);
        int v2 = snmpd.ports().get(0);
        int v3 = snmpd.ports().get(1);
        String v2Url = "snmp://" + Snmpd.COMMUNITY + "@127.0.0.1:" + v2;
        String v3Url = "snmp://" + Snmpd.V3_USER + ":" + Snmpd.V3_AUTH + "@127.0.0.1:" + v3
                + "?auth_proto=sha&priv_proto=aes128&priv_password=" + Snmpd.V3_PRIV;
        startAgent(test);

        Reading before = Reading.of(snmpd, v2);
        agent.source("snmp", Map.of("name", "snmp", "interval", INTERVAL, "meters", "hardware.*",
                "resources", new String[] {v2Url, v3Url}));
        List<Received> samples = oneCycle("snmp");
        Reading after = Reading.of(snmpd, v2);

        for (int port : List.of(v2, v3)) {
            String host = "127.0.0.1:" + port;
            List<Received> own = samples.stream()
                    .filter(r -> r.resourceId().equals(host) || r.resourceId().startsWith(host + ".")).toList();
            Set<String> silent = new TreeSet<>(METERS);
            own.forEach(r -> silent.remove(r.meter()));
            assertTrue(MAYBE_SILENT_OVER_SNMP.containsAll(silent), "meters without samples from " + host + ": " + silent);
            for (Received r : own) {
                assertEquals("snmp://" + host, r.metadata().get("resource_url"), "the URL without credentials: " + r);
                assertEquals("hardware", r.message().get("source"), r.toString());
            }
            own.stream().collect(Collectors.groupingBy(Received::meter)).forEach((meter, list) -> assertEquals(
                    list.size(), list.stream().map(Received::resourceId).distinct().count(),
                    "distinct resource ids of " + meter + " from " + host));
        }
        assertEquals(samples.size(), samples.stream().filter(r -> r.resourceId().startsWith("127.0.0.1:" + v2)
                || r.resourceId().startsWith("127.0.0.1:" + v3)).count(), "samples of the two resources only");

        // values: what snmpget/snmpwalk read just before and just after the cycle
        String host = "127.0.0.1:" + v2;
        Map<String, Received> v2Samples = samples.stream().filter(r -> r.resourceId().equals(host)
                || r.resourceId().startsWith(host + ".")).collect(Collectors.toMap(r -> r.meter() + " "
                + r.resourceId(), r -> r));
        assertEquals(before.get(MEM_TOTAL), volume(v2Samples, "hardware.memory.total", host));
        assertEquals(after.get(MEM_TOTAL), volume(v2Samples, "hardware.memory.total", host));
        assertEquals(before.get(SWAP_TOTAL), volume(v2Samples, "hardware.memory.swap.total", host));
        assertBetween(before.get(IP_IN_RECEIVES), volume(v2Samples, "hardware.network.ip.incoming.datagrams", host),
                after.get(IP_IN_RECEIVES), "ipInReceives");
        assertBetween(before.get(IP_OUT_REQUESTS), volume(v2Samples, "hardware.network.ip.outgoing.datagrams", host),
                after.get(IP_OUT_REQUESTS), "ipOutRequests");
        Map<String, String> interfaces = Reading.sameIn(before.interfaces(), after.interfaces());
        assertFalse(interfaces.isEmpty(), "snmpd lists interfaces");
        for (Map.Entry<String, String> itf : interfaces.entrySet()) {
            String rid = host + "." + itf.getValue();
            assertBetween(before.get(IF_IN_OCTETS + "." + itf.getKey()),
                    volume(v2Samples, "hardware.network.incoming.bytes", rid),
                    after.get(IF_IN_OCTETS + "." + itf.getKey()), "ifInOctets of " + itf.getValue());
            assertBetween(before.get(IF_OUT_OCTETS + "." + itf.getKey()),
                    volume(v2Samples, "hardware.network.outgoing.bytes", rid),
                    after.get(IF_OUT_OCTETS + "." + itf.getKey()), "ifOutOctets of " + itf.getValue());
        }
        Map<String, String> disks = Reading.sameIn(before.disks(), after.disks());
        assertFalse(disks.isEmpty(), "snmpd lists block devices");
        for (Map.Entry<String, String> disk : disks.entrySet()) {
            String rid = host + "." + disk.getValue();
            Received r = v2Samples.get("hardware.disk.read.requests " + rid);
            assertTrue(r != null, "hardware.disk.read.requests per device: no sample for " + rid);
            assertEquals(disk.getValue(), r.metadata().get("device"));
            assertBetween(before.get(DISK_IO_READS + "." + disk.getKey()), (Long) r.volume(),
                    after.get(DISK_IO_READS + "." + disk.getKey()), "diskIOReads of " + disk.getValue());
        }

        // credentials: in no sample, nowhere in the log (which holds what the framework logged)
        assertTrue(agent.log().contains(": 3600s snmp [hardware."), "the agent's log is captured: " + agent.log());
        for (String secret : List.of(Snmpd.COMMUNITY, Snmpd.V3_AUTH, Snmpd.V3_PRIV)) {
            List<Received> leaking = samples.stream().filter(r -> r.message().toString().contains(secret)).toList();
            assertEquals(List.of(), leaking, "samples with the credential '" + secret + "'");
            List<String> lines = agent.log().lines().filter(l -> l.contains(secret)).toList();
            assertEquals(List.of(), lines, "log lines with the credential '" + secret + "'");
        }
        assertNoErrors();
    }

    // --- helpers ---------------------------------------------------------------------------

    /** The first cycle of the source's interval, all its samples received by the test's sink. */
    private List<Received> oneCycle(String source) {
        eventuallyEquals("the plan", new TreeMap<>(Map.of(INTERVAL, new TreeMap<>(Map.of(source, SORTED)))),
                agent::plan);
        IntervalStatus cycle = eventually("the first cycle finished", () -> agent.interval(INTERVAL).orElseThrow(),
                s -> s.cycles() == 1);
        List<Received> samples = eventually("the cycle's " + cycle.lastSamples() + " samples at the test's sink",
                () -> agent.sink().all(), all -> all.size() >= cycle.lastSamples());
        assertEquals(cycle.lastSamples(), samples.size(), "samples of the one cycle");
        assertTrue(samples.stream().allMatch(r -> r.source().equals(source) && r.pollster().equals(r.meter())),
                "batches name their source and pollster");
        return samples;
    }

    private void assertNoErrors() {
        IntervalStatus s = agent.interval(INTERVAL).orElseThrow();
        assertEquals(0, s.errors(), "pollster and discovery errors: " + s);
        assertEquals(Map.of(), agent.agent().blacklist(), "nothing blacklisted");
        assertEquals(List.of(), agent.log().lines().filter(l -> l.contains(" ERROR ")).toList(),
                "errors in the agent's log");
    }

    private static Long volume(Map<String, Received> samples, String meter, String resourceId) {
        Received r = samples.get(meter + " " + resourceId);
        assertTrue(r != null, "no " + meter + " sample for " + resourceId + " among " + new TreeSet<>(samples.keySet()));
        return assertInstanceOf(Long.class, r.volume(), r.toString());
    }

    /** A counter read by the pollster between two snmpget reads: within the drift between them. */
    private static void assertBetween(long before, long value, long after, String what) {
        assertTrue(before <= value && value <= after, what + ": " + value + " not within [" + before + ", " + after
                + "] read by snmpget before and after the cycle");
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "exactly one: " + list);
        return list.get(0);
    }

    /** What snmpget and snmpwalk (v2c) read from the agent at one moment. */
    private record Reading(Map<String, String> values, Map<String, String> interfaces, Map<String, String> disks) {

        static Reading of(Snmpd snmpd, int port) throws Exception {
            Map<String, String> values = new TreeMap<>(snmpd.get(port, MEM_TOTAL, SWAP_TOTAL, IP_IN_RECEIVES,
                    IP_OUT_REQUESTS));
            for (String column : List.of(IF_IN_OCTETS, IF_OUT_OCTETS, DISK_IO_READS)) {
                values.putAll(snmpd.walk(column));
            }
            return new Reading(values, index(snmpd.walk(IF_DESCR), IF_DESCR), index(snmpd.walk(DISK_IO_DEVICE),
                    DISK_IO_DEVICE));
        }

        /** Table index → name, from a walk of a name column. */
        private static Map<String, String> index(Map<String, String> column, String base) {
            Map<String, String> out = new TreeMap<>();
            column.forEach((oid, name) -> out.put(oid.substring(base.length() + 1), name));
            return out;
        }

        /** The table rows that were there before and after the cycle (an interface may come and go meanwhile). */
        static Map<String, String> sameIn(Map<String, String> rows, Map<String, String> later) {
            Map<String, String> out = new TreeMap<>(rows);
            out.entrySet().removeIf(e -> !e.getValue().equals(later.get(e.getKey())));
            return out;
        }

        long get(String oid) {
            String v = values.get(oid);
            assertTrue(v != null, "snmpget/snmpwalk gave no value for " + oid + ": " + values.keySet());
            return Long.parseLong(v);
        }
    }
}
