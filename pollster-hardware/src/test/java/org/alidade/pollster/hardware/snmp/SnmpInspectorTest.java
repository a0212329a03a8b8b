package org.alidade.pollster.hardware.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.inspect.HostReading;
import org.alidade.pollster.hardware.inspect.HostStats;
import org.alidade.pollster.hardware.inspect.HostStats.DiskIo;
import org.alidade.pollster.hardware.inspect.HostStats.Filesystem;
import org.alidade.pollster.hardware.inspect.HostStats.NetInterface;
import org.alidade.pollster.hardware.inspect.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SNMP inspector against a real snmpd, compared with snmpget/snmpwalk on the same agent. */
class SnmpInspectorTest {

    private static Snmpd snmpd;
    private static Snmpd odd;
    private static SnmpInspector inspector;

    @BeforeAll
    static void start() throws Exception {
        snmpd = Snmpd.start(1);
        odd = Snmpd.start(1, List.of("rocommunity " + Snmpd.COMMUNITY + " 127.0.0.1",
                "override .1.3.6.1.4.1.2021.4.5.0 octet_str \"lots\"",
                "override .1.3.6.1.4.1.2021.10.1.3.1 octet_str \"n/a\""));
        inspector = new SnmpInspector(new SnmpSettings(1500, 1, 16, "public", null), new HostLog());
    }

    @AfterAll
    static void stop() {
        if (inspector != null) {
            inspector.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
        if (odd != null) {
            odd.close();
        }
    }

    private static HostReading read(String url) {
        return inspector.read(SnmpTarget.parse(url)).join();
    }

    private static String v2c() {
        return "snmp://" + Snmpd.COMMUNITY + "@127.0.0.1:" + snmpd.port();
    }

    @Test
    void v2cScalarsAgreeWithSnmpget() throws Exception {
        String[] oids = java.util.Arrays.stream(Scalar.values()).map(Scalar::oid).toArray(String[]::new);
        Map<String, String> before = snmpd.get(snmpd.port(), oids);
        HostReading r = read(v2c());
        Map<String, String> after = snmpd.get(snmpd.port(), oids);
        assertFalse(r.failed(), r.error());
        HostStats s = r.stats();
        int compared = 0;
        for (Scalar sc : Scalar.values()) {
            String b = before.get(sc.oid());
            String a = after.get(sc.oid());
            if (b == null || b.startsWith("No Such")) {
                assertNull(s.scalars().get(sc), sc + " is not served, so not read");
                assertTrue(s.problems().stream().anyMatch(p -> p.contains(sc.oid())), s.problems().toString());
                continue;
            }
            compared++;
            if (sc.kind() == Scalar.Kind.DECIMAL) {
                double v = s.decimal(sc);
                assertTrue(v >= Math.min(Double.parseDouble(b), Double.parseDouble(a)) - 0.01
                        && v <= Math.max(Double.parseDouble(b), Double.parseDouble(a)) + 0.01, sc + " " + v + " vs " + b + ".." + a);
            } else {
                long lo = Math.min(Long.parseLong(b), Long.parseLong(a));
                long hi = Math.max(Long.parseLong(b), Long.parseLong(a));
                long slack = sc.name().startsWith("MEM") ? 65536 : 0; // snmpd caches memory for a few seconds
                long v = s.integer(sc);
                assertTrue(v >= lo - slack && v <= hi + slack, sc + " " + v + " vs " + lo + ".." + hi);
            }
        }
        assertTrue(compared >= 15, "compared " + compared + " scalars");
    }

    @Test
    void v2cTablesAgreeWithSnmpwalk() throws Exception {
        Map<String, String> dsk = snmpd.walk("1.3.6.1.4.1.2021.9.1");
        Map<String, String> io = snmpd.walk("1.3.6.1.4.1.2021.13.15.1.1");
        Map<String, String> ifs = snmpd.walk("1.3.6.1.2.1.2.2.1");
        HostStats s = read(v2c()).stats();
        Map<String, String> ifsAfter = snmpd.walk("1.3.6.1.2.1.2.2.1");
        Map<String, String> ioAfter = snmpd.walk("1.3.6.1.4.1.2021.13.15.1.1");

        Set<String> paths = column(dsk, "1.3.6.1.4.1.2021.9.1.2.");
        assertFalse(paths.isEmpty(), "includeAllDisks lists file systems");
        assertEquals(paths, s.filesystems().stream().map(Filesystem::path).collect(Collectors.toCollection(TreeSet::new)));
        for (Filesystem f : s.filesystems()) {
            String idx = index(dsk, "1.3.6.1.4.1.2021.9.1.2.", f.path());
            assertEquals(dsk.get("1.3.6.1.4.1.2021.9.1.3." + idx), f.device());
            assertEquals(Long.parseLong(dsk.get("1.3.6.1.4.1.2021.9.1.6." + idx)), f.totalKb());
            assertEquals(Long.parseLong(dsk.get("1.3.6.1.4.1.2021.9.1.8." + idx)), f.usedKb(), 65536);
        }
        assertEquals(column(io, "1.3.6.1.4.1.2021.13.15.1.1.2."),
                s.disks().stream().map(DiskIo::device).collect(Collectors.toCollection(TreeSet::new)));
        for (DiskIo d : s.disks()) {
            String idx = index(io, "1.3.6.1.4.1.2021.13.15.1.1.2.", d.device());
            between(io, ioAfter, "1.3.6.1.4.1.2021.13.15.1.1.12." + idx, d.readBytes());
            between(io, ioAfter, "1.3.6.1.4.1.2021.13.15.1.1.13." + idx, d.writtenBytes());
            between(io, ioAfter, "1.3.6.1.4.1.2021.13.15.1.1.5." + idx, d.reads());
            between(io, ioAfter, "1.3.6.1.4.1.2021.13.15.1.1.6." + idx, d.writes());
        }
        assertEquals(column(ifs, "1.3.6.1.2.1.2.2.1.2."),
                s.interfaces().stream().map(NetInterface::name).collect(Collectors.toCollection(TreeSet::new)));
        for (NetInterface n : s.interfaces()) {
            between(ifs, ifsAfter, "1.3.6.1.2.1.2.2.1.10." + n.index(), n.inOctets());
            between(ifs, ifsAfter, "1.3.6.1.2.1.2.2.1.16." + n.index(), n.outOctets());
            between(ifs, ifsAfter, "1.3.6.1.2.1.2.2.1.20." + n.index(), n.outErrors());
            assertEquals(Long.parseLong(ifs.get("1.3.6.1.2.1.2.2.1.5." + n.index())), n.speedBits());
            assertEquals(ifs.get("1.3.6.1.2.1.2.2.1.6." + n.index()).replace(" ", "").replace(":", "").toLowerCase(),
                    n.mac());
        }
        NetInterface lo = s.interfaces().stream().filter(n -> n.name().equals("lo")).findFirst().orElseThrow();
        assertEquals("127.0.0.1", lo.ip());
    }

    @Test
    void v3AuthPrivWorksAndAgreesWithV2c() throws Exception {
        HostReading v3 = read("snmp://" + Snmpd.V3_USER + ":" + Snmpd.V3_AUTH + "@127.0.0.1:" + snmpd.port()
                + "?auth_proto=sha&priv_proto=aes128&priv_password=" + Snmpd.V3_PRIV);
        assertFalse(v3.failed(), v3.error());
        String total = snmpd.get(snmpd.port(), Scalar.MEM_TOTAL.oid()).get(Scalar.MEM_TOTAL.oid());
        assertEquals(Long.parseLong(total), v3.stats().integer(Scalar.MEM_TOTAL));
        assertFalse(v3.stats().interfaces().isEmpty());
        HostReading sha2 = read("snmp://" + Snmpd.V3_SHA256_USER + ":" + Snmpd.V3_SHA256_AUTH + "@127.0.0.1:"
                + snmpd.port() + "?auth_proto=sha256&priv_proto=aes&priv_password=" + Snmpd.V3_SHA256_PRIV);
        assertFalse(sha2.failed(), sha2.error());
        assertEquals(Long.parseLong(total), sha2.stats().integer(Scalar.MEM_TOTAL));
    }

    @Test
    void v3WrongAuthKeyFailsClearlyAndTheRightOneStillWorks() {
        HostReading wrong = read("snmp://" + Snmpd.V3_USER + ":wrongpassword@127.0.0.1:" + snmpd.port()
                + "?auth_proto=sha&priv_proto=aes128&priv_password=" + Snmpd.V3_PRIV);
        assertTrue(wrong.failed());
        assertTrue(wrong.error().contains("authentication failed"), wrong.error());
        assertFalse(wrong.error().contains("wrongpassword"), wrong.error());
        assertEquals("snmp://127.0.0.1:" + snmpd.port(), wrong.host());
        HostReading right = read("snmp://" + Snmpd.V3_USER + ":" + Snmpd.V3_AUTH + "@127.0.0.1:" + snmpd.port()
                + "?auth_proto=sha&priv_proto=aes128&priv_password=" + Snmpd.V3_PRIV);
        assertFalse(right.failed(), right.error());
        HostReading wrongPriv = read("snmp://" + Snmpd.V3_USER + ":" + Snmpd.V3_AUTH + "@127.0.0.1:" + snmpd.port()
                + "?auth_proto=sha&priv_proto=aes128&priv_password=notthekey1");
        assertTrue(wrongPriv.failed());
        // Net-SNMP answers a wrong privacy key with a decryption-error report or not at all
        assertTrue(wrongPriv.error().contains("decryption failed") || wrongPriv.error().startsWith("no answer"),
                wrongPriv.error());
        assertFalse(wrongPriv.error().contains("notthekey1"), wrongPriv.error());
        HostReading unknownUser = read("snmp://nobody:authpassword1@127.0.0.1:" + snmpd.port() + "?auth_proto=sha");
        assertTrue(unknownUser.error().contains("unknown SNMPv3 user"), unknownUser.error());
    }

    @Test
    void badHostsCostTheirTimeLimitAndLeaveTheOthersAlone() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        CompletableFuture<HostReading> good = inspector.read(SnmpTarget.parse(v2c()));
        CompletableFuture<HostReading> wrongCommunity = inspector.read(SnmpTarget.parse(
                "snmp://nottherightone@127.0.0.1:" + snmpd.port()));
        CompletableFuture<HostReading> nobody = inspector.read(SnmpTarget.parse("snmp://" + Snmpd.COMMUNITY
                + "@127.0.0.1:" + closed));
        CompletableFuture<HostReading> unknown = inspector.read(SnmpTarget.parse("snmp://no-such-host.invalid"));
        HostReading g = good.join();
        long goodMs = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(g.failed(), g.error());
        assertTrue(goodMs < 1000, "the good host was not held up by the bad ones: " + goodMs + " ms");
        HostReading wc = wrongCommunity.join();
        HostReading nb = nobody.join();
        HostReading uk = unknown.join();
        long allMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(wc.error().startsWith("no answer within 1.5 s"), wc.error());
        assertFalse(wc.error().contains("nottherightone"), wc.error());
        assertTrue(nb.error().startsWith("no answer within 1.5 s"), nb.error());
        assertTrue(uk.error().contains("unknown host no-such-host.invalid"), uk.error());
        assertTrue(allMs < 1500 + 1000, "a bad host costs its time limit: " + allMs + " ms");
    }

    @Test
    void noSuchObjectLeavesValuesOutWithAMessage() {
        HostReading r = read("snmp://" + Snmpd.LIMITED_COMMUNITY + "@127.0.0.1:" + snmpd.port());
        assertFalse(r.failed(), r.error());
        assertTrue(r.stats().scalars().isEmpty(), r.stats().scalars().toString());
        assertTrue(r.stats().filesystems().isEmpty());
        assertTrue(r.stats().problems().stream().anyMatch(p -> p.equalsIgnoreCase("mem_total (1.3.6.1.4.1.2021.4.5.0): noSuchObject")),
                r.stats().problems().toString());
    }

    @Test
    void nonNumericValuesAreNamedAndTheRestIsRead() {
        HostReading r = read("snmp://" + Snmpd.COMMUNITY + "@127.0.0.1:" + odd.port());
        assertFalse(r.failed(), r.error());
        assertNull(r.stats().integer(Scalar.MEM_TOTAL));
        assertNull(r.stats().decimal(Scalar.LOAD_1));
        assertNotNull(r.stats().integer(Scalar.MEM_AVAIL));
        assertNotNull(r.stats().decimal(Scalar.LOAD_5));
        List<String> p = r.stats().problems();
        assertTrue(p.stream().anyMatch(x -> x.contains("mem_total") && x.contains("not a number: 'lots'")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("load_1") && x.contains("not a number: 'n/a'")), p.toString());
    }

    private static Set<String> column(Map<String, String> walk, String prefix) {
        return walk.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String index(Map<String, String> walk, String prefix, String value) {
        return walk.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals(value))
                .map(e -> e.getKey().substring(prefix.length())).findFirst().orElseThrow();
    }

    private static void between(Map<String, String> before, Map<String, String> after, String oid, Long actual) {
        assertNotNull(actual, oid);
        long b = Long.parseLong(before.get(oid));
        long a = Long.parseLong(after.get(oid));
        assertTrue(actual >= Math.min(a, b) && actual <= Math.max(a, b), oid + ": " + actual + " not in " + b + ".." + a);
    }
}
