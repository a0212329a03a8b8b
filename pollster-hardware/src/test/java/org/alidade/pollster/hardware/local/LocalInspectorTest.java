package org.alidade.pollster.hardware.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.alidade.pollster.hardware.inspect.HostStats;
import org.alidade.pollster.hardware.inspect.HostStats.DiskIo;
import org.alidade.pollster.hardware.inspect.HostStats.Filesystem;
import org.alidade.pollster.hardware.inspect.HostStats.NetInterface;
import org.alidade.pollster.hardware.inspect.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local inspector against this host's kernel, read by the test itself before and after. */
class LocalInspectorTest {

    private final LocalInspector inspector = new LocalInspector();

    @Test
    void memoryMatchesProcMeminfo() throws IOException {
        Map<String, Long> before = meminfo();
        HostStats s = inspector.read();
        Map<String, Long> after = meminfo();
        assertEquals(before.get("MemTotal"), s.integer(Scalar.MEM_TOTAL));
        assertBetween(before.get("MemFree"), after.get("MemFree"), s.integer(Scalar.MEM_AVAIL), 65536);
        assertBetween(before.get("Buffers"), after.get("Buffers"), s.integer(Scalar.MEM_BUFFER), 4096);
        assertBetween(before.get("Cached") + before.get("SReclaimable"), after.get("Cached") + after.get("SReclaimable"),
                s.integer(Scalar.MEM_CACHED), 65536);
        assertEquals(before.get("SwapTotal"), s.integer(Scalar.SWAP_TOTAL));
        assertBetween(before.get("SwapFree"), after.get("SwapFree"), s.integer(Scalar.SWAP_AVAIL), 65536);
    }

    @Test
    void cpuAndLoadMatchProcStatAndLoadavg() throws IOException {
        long[] before = cpu();
        double[] loadBefore = load();
        HostStats s = inspector.read();
        long[] after = cpu();
        double[] loadAfter = load();
        assertBetween(before[0], after[0], s.integer(Scalar.CPU_RAW_USER), 0);
        assertBetween(before[1], after[1], s.integer(Scalar.CPU_RAW_NICE), 0);
        assertBetween(before[2] + before[5] + before[6], after[2] + after[5] + after[6], s.integer(Scalar.CPU_RAW_SYSTEM), 0);
        assertBetween(before[3], after[3], s.integer(Scalar.CPU_RAW_IDLE), 0);
        assertBetween(before[4], after[4], s.integer(Scalar.CPU_RAW_WAIT), 0);
        assertBetween(before[2], after[2], s.integer(Scalar.CPU_RAW_KERNEL), 0);
        assertBetween(before[5], after[5], s.integer(Scalar.CPU_RAW_INTERRUPT), 0);
        for (int i = 0; i < 3; i++) {
            Scalar sc = List.of(Scalar.LOAD_1, Scalar.LOAD_5, Scalar.LOAD_15).get(i);
            double v = s.decimal(sc);
            assertTrue(v >= Math.min(loadBefore[i], loadAfter[i]) && v <= Math.max(loadBefore[i], loadAfter[i]),
                    sc + " " + v + " not within " + loadBefore[i] + ".." + loadAfter[i]);
        }
        long percent = s.integer(Scalar.CPU_USER_PERCENT) + s.integer(Scalar.CPU_IDLE_PERCENT);
        assertTrue(percent >= 0 && percent <= 100, "user% + idle% = " + percent);
    }

    @Test
    void ipAndBlockCountersMatchProc() throws IOException {
        Map<String, Long> ipBefore = ip();
        Map<String, Long> vmBefore = keyValues(Path.of("/proc/vmstat"));
        HostStats s = inspector.read();
        Map<String, Long> ipAfter = ip();
        Map<String, Long> vmAfter = keyValues(Path.of("/proc/vmstat"));
        assertBetween(ipBefore.get("InReceives"), ipAfter.get("InReceives"), s.integer(Scalar.IP_IN_RECEIVES), 0);
        assertBetween(ipBefore.get("OutRequests"), ipAfter.get("OutRequests"), s.integer(Scalar.IP_OUT_REQUESTS), 0);
        assertBetween(vmBefore.get("pgpgout"), vmAfter.get("pgpgout"), s.integer(Scalar.IO_RAW_SENT), 0);
        assertBetween(vmBefore.get("pgpgin"), vmAfter.get("pgpgin"), s.integer(Scalar.IO_RAW_RECEIVED), 0);
        assertTrue(s.problems().isEmpty(), "problems: " + s.problems());
    }

    @Test
    void interfacesMatchSysClassNet() throws IOException {
        Set<String> names;
        try (Stream<Path> l = Files.list(Path.of("/sys/class/net"))) {
            names = l.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Map<String, Long> rxBefore = new HashMap<>();
        for (String n : names) {
            rxBefore.put(n, Long.parseLong(Files.readString(Path.of("/sys/class/net", n, "statistics/rx_bytes")).trim()));
        }
        HostStats s = inspector.read();
        assertEquals(names, s.interfaces().stream().map(NetInterface::name).collect(Collectors.toCollection(TreeSet::new)));
        for (NetInterface nif : s.interfaces()) {
            long after = Long.parseLong(Files.readString(Path.of("/sys/class/net", nif.name(), "statistics/rx_bytes")).trim());
            assertBetween(rxBefore.get(nif.name()), after, nif.inOctets(), 0);
            assertEquals(Integer.parseInt(Files.readString(Path.of("/sys/class/net", nif.name(), "ifindex")).trim()),
                    nif.index());
        }
        assertTrue(s.interfaces().stream().anyMatch(n -> n.name().equals("lo") && n.ip().equals("127.0.0.1")),
                "lo has 127.0.0.1: " + s.interfaces());
    }

    @Test
    void blockDevicesMatchProcDiskstats() throws IOException {
        Map<String, long[]> before = diskstats();
        HostStats s = inspector.read();
        Map<String, long[]> after = diskstats();
        assertFalse(s.disks().isEmpty(), "a machine has a disk that did I/O");
        for (DiskIo d : s.disks()) {
            long[] b = before.get(d.device());
            long[] a = after.get(d.device());
            assertNotNull(b, d.device());
            assertBetween(b[0], a[0], d.reads(), 0);
            assertBetween(b[1] * 512, a[1] * 512, d.readBytes(), 0);
            assertBetween(b[2], a[2], d.writes(), 0);
            assertBetween(b[3] * 512, a[3] * 512, d.writtenBytes(), 0);
        }
    }

    @Test
    void rootFilesystemMatchesStatvfs() throws Exception {
        HostStats s = inspector.read();
        Filesystem root = s.filesystems().stream().filter(f -> f.path().equals("/")).findFirst().orElseThrow(
                () -> new AssertionError("no / in " + s.filesystems()));
        Process p = new ProcessBuilder("stat", "-f", "-c", "%b %f %S", "/").start();
        String[] f = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        assertEquals(0, p.waitFor());
        long blocks = Long.parseLong(f[0]);
        long free = Long.parseLong(f[1]);
        long size = Long.parseLong(f[2]);
        assertEquals(blocks * size / 1024, root.totalKb());
        assertEquals((blocks - free) * size / 1024, root.usedKb(), 64 * 1024); // other writers
        String device = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" "))
                .filter(x -> x[1].equals("/")).map(x -> x[0]).reduce((a, b) -> b).orElseThrow();
        assertEquals(device, root.device());
        assertTrue(s.filesystems().stream().noneMatch(x -> Set.of("proc", "sysfs").contains(x.device())));
    }

    @Test
    void oddKernelFilesBecomeProblemsNotFailures(@TempDir Path dir) throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("loadavg"), "abc 0.1 0.2 1/2 3\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: lots kB\nMemFree: 10 kB\n");
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4 5 6 7 8 0 0\n");
        Path sys = Files.createDirectories(dir.resolve("sys/class/net"));
        HostStats s = new LocalInspector(proc, dir.resolve("sys")).read();
        assertEquals(10L, s.integer(Scalar.MEM_AVAIL));
        assertEquals(null, s.integer(Scalar.MEM_TOTAL));
        assertEquals(null, s.decimal(Scalar.LOAD_1));
        assertEquals(1L, s.integer(Scalar.CPU_RAW_USER));
        assertTrue(s.problems().stream().anyMatch(p -> p.contains("MemTotal")), s.problems().toString());
        assertTrue(s.problems().stream().anyMatch(p -> p.contains("/proc/loadavg")), s.problems().toString());
        assertTrue(s.problems().stream().anyMatch(p -> p.contains("/proc/diskstats")), s.problems().toString());
        assertTrue(s.interfaces().isEmpty());
        assertTrue(Files.isDirectory(sys));
    }

    @Test
    void unescapesMountPaths() {
        assertEquals("/mnt/a b", LocalInspector.unescape("/mnt/a\\040b"));
        assertEquals("/plain", LocalInspector.unescape("/plain"));
    }

    static void assertBetween(long lo, long hi, Long actual, long slack) {
        assertNotNull(actual);
        long min = Math.min(lo, hi) - slack;
        long max = Math.max(lo, hi) + slack;
        assertTrue(actual >= min && actual <= max, actual + " not within " + min + ".." + max);
    }

    private static Map<String, Long> meminfo() throws IOException {
        return keyValues(Path.of("/proc/meminfo"));
    }

    private static Map<String, Long> keyValues(Path p) throws IOException {
        Map<String, Long> m = new HashMap<>();
        for (String line : Files.readAllLines(p)) {
            String[] f = line.split("[:\\s]+");
            m.put(f[0], Long.parseLong(f[1]));
        }
        return m;
    }

    private static long[] cpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] t = new long[8];
        for (int i = 0; i < 8; i++) {
            t[i] = Long.parseLong(f[i + 1]);
        }
        return t;
    }

    private static double[] load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    private static Map<String, Long> ip() throws IOException {
        List<String> l = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(x -> x.startsWith("Ip:")).toList();
        String[] k = l.get(0).split("\\s+");
        String[] v = l.get(1).split("\\s+");
        Map<String, Long> m = new HashMap<>();
        for (int i = 1; i < k.length; i++) {
            m.put(k[i], Long.parseLong(v[i]));
        }
        return m;
    }

    private static Map<String, long[]> diskstats() throws IOException {
        Map<String, long[]> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = line.trim().split("\\s+");
            m.put(f[2], new long[] {Long.parseLong(f[3]), Long.parseLong(f[5]), Long.parseLong(f[7]), Long.parseLong(f[9])});
        }
        return m;
    }
}
