package org.alidade.pollster.hardware.local;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.alidade.pollster.hardware.inspect.HostStats;
import org.alidade.pollster.hardware.inspect.HostStats.DiskIo;
import org.alidade.pollster.hardware.inspect.HostStats.Filesystem;
import org.alidade.pollster.hardware.inspect.HostStats.NetInterface;
import org.alidade.pollster.hardware.inspect.Scalar;

/**
 * Reads this host's {@code hardware.*} values from the kernel, the way Net-SNMP's {@code snmpd}
 * derives the same objects on Linux, so that a host polled locally and one polled over SNMP give
 * comparable samples:
 * <ul>
 * <li>load: {@code /proc/loadavg};</li>
 * <li>CPU ticks ({@code /proc/stat}, first line, USER_HZ): user, nice, system = system + irq +
 *     softirq (ssCpuRawSystem), idle, wait = iowait, kernel = system, interrupt = irq; the user
 *     and idle percentages are over the time since the previous read (since boot on the first);</li>
 * <li>memory ({@code /proc/meminfo}, KiB): total = MemTotal, avail = MemFree (memAvailReal is the
 *     free memory), buffer = Buffers, cached = Cached + SReclaimable, swap = SwapTotal, SwapFree;</li>
 * <li>I/O blocks: {@code /proc/vmstat} pgpgout (sent), pgpgin (received);</li>
 * <li>IP datagrams: {@code /proc/net/snmp} Ip InReceives, OutRequests;</li>
 * <li>file systems: {@code /proc/mounts} without kernel pseudo file systems, one per mounted
 *     thing, sizes from {@code statvfs} (used = blocks − free blocks, as dskUsed);</li>
 * <li>block devices: {@code /proc/diskstats} (bytes = sectors × 512) of devices that did any I/O;</li>
 * <li>interfaces: {@code /sys/class/net/NAME} ({@code ifindex}, {@code statistics/*},
 *     {@code speed} in Mb/s, {@code address}) and the interface's first IPv4 address.</li>
 * </ul>
 * A value the kernel does not give is left out and named in {@link HostStats#problems()}.
 * Thread-safe.
 */
public final class LocalInspector {

    /** Kernel file systems that hold no user data (what snmpd's includeAllDisks skips, and more). */
    private static final Set<String> PSEUDO_FS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
            "securityfs", "debugfs", "tracefs", "mqueue", "hugetlbfs", "pstore", "bpf", "configfs", "fusectl",
            "binfmt_misc", "autofs", "rpc_pipefs", "nsfs", "efivarfs", "selinuxfs", "ramfs", "fuse.gvfsd-fuse",
            "fuse.portal", "nfsd", "squashfs", "devfs", "usbfs", "rootfs");

    private final Path proc;
    private final Path sys;
    private final AtomicReference<long[]> previousCpu = new AtomicReference<>();

    /** Reads the real {@code /proc} and {@code /sys}. */
    public LocalInspector() {
        this(Path.of("/proc"), Path.of("/sys"));
    }

    /** Reads copies of {@code /proc} and {@code /sys} (tests). */
    public LocalInspector(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    /** Reads everything now; never throws for a missing or odd file, it names it in the problems. */
    public HostStats read() {
        List<String> problems = new ArrayList<>();
        Map<Scalar, Number> scalars = new EnumMap<>(Scalar.class);
        load(scalars, problems);
        cpu(scalars, problems);
        memory(scalars, problems);
        vmstat(scalars, problems);
        ip(scalars, problems);
        return new HostStats(scalars, filesystems(problems), disks(problems), interfaces(problems), problems);
    }

    private void load(Map<Scalar, Number> out, List<String> problems) {
        try {
            String[] f = firstLine(proc.resolve("loadavg")).trim().split("\\s+");
            Scalar[] s = {Scalar.LOAD_1, Scalar.LOAD_5, Scalar.LOAD_15};
            for (int i = 0; i < 3; i++) {
                out.put(s[i], Double.parseDouble(f[i]));
            }
        } catch (IOException | RuntimeException e) {
            problems.add("load average: cannot read /proc/loadavg (" + e.getMessage() + ")");
        }
    }

    private void cpu(Map<Scalar, Number> out, List<String> problems) {
        long[] t;
        try {
            String line = firstLine(proc.resolve("stat"));
            String[] f = line.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 5) {
                throw new IllegalArgumentException("first line is not the cpu total: " + line);
            }
            // user nice system idle iowait irq softirq steal (missing trailing fields are 0)
            t = new long[8];
            for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                t[i] = Long.parseLong(f[i + 1]);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cpu: cannot read /proc/stat (" + e.getMessage() + ")");
            return;
        }
        out.put(Scalar.CPU_RAW_USER, t[0]);
        out.put(Scalar.CPU_RAW_NICE, t[1]);
        out.put(Scalar.CPU_RAW_SYSTEM, t[2] + t[5] + t[6]);
        out.put(Scalar.CPU_RAW_IDLE, t[3]);
        out.put(Scalar.CPU_RAW_WAIT, t[4]);
        out.put(Scalar.CPU_RAW_KERNEL, t[2]);
        out.put(Scalar.CPU_RAW_INTERRUPT, t[5]);
        long[] before = previousCpu.getAndSet(t);
        long[] delta = t.clone();
        if (before != null) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] = t[i] - before[i];
            }
        }
        long total = 0;
        for (long d : delta) {
            total += d;
        }
        if (total <= 0) {
            if (before != null) {
                // two reads within one tick: measure since boot instead of dividing by zero
                delta = t;
                total = 0;
                for (long d : t) {
                    total += d;
                }
            }
            if (total <= 0) {
                problems.add("cpu: /proc/stat counts no time at all");
                return;
            }
        }
        out.put(Scalar.CPU_USER_PERCENT, delta[0] * 100 / total);
        out.put(Scalar.CPU_IDLE_PERCENT, delta[3] * 100 / total);
    }

    private void memory(Map<Scalar, Number> out, List<String> problems) {
        Map<String, Long> kb;
        try {
            kb = keyValues(proc.resolve("meminfo"));
        } catch (IOException e) {
            problems.add("memory: cannot read /proc/meminfo (" + e.getMessage() + ")");
            return;
        }
        put(out, Scalar.MEM_TOTAL, kb.get("MemTotal"), "MemTotal", problems);
        put(out, Scalar.MEM_AVAIL, kb.get("MemFree"), "MemFree", problems);
        put(out, Scalar.MEM_BUFFER, kb.get("Buffers"), "Buffers", problems);
        Long cached = kb.get("Cached");
        put(out, Scalar.MEM_CACHED, cached == null ? null : cached + kb.getOrDefault("SReclaimable", 0L), "Cached",
                problems);
        put(out, Scalar.SWAP_TOTAL, kb.get("SwapTotal"), "SwapTotal", problems);
        put(out, Scalar.SWAP_AVAIL, kb.get("SwapFree"), "SwapFree", problems);
    }

    private void vmstat(Map<Scalar, Number> out, List<String> problems) {
        try {
            Map<String, Long> v = keyValues(proc.resolve("vmstat"));
            put(out, Scalar.IO_RAW_SENT, v.get("pgpgout"), "pgpgout in /proc/vmstat", problems);
            put(out, Scalar.IO_RAW_RECEIVED, v.get("pgpgin"), "pgpgin in /proc/vmstat", problems);
        } catch (IOException e) {
            problems.add("io blocks: cannot read /proc/vmstat (" + e.getMessage() + ")");
        }
    }

    private void ip(Map<Scalar, Number> out, List<String> problems) {
        try {
            List<String> ipLines = Files.readAllLines(proc.resolve("net/snmp")).stream()
                    .filter(l -> l.startsWith("Ip:")).toList();
            if (ipLines.size() < 2) {
                throw new IllegalArgumentException("no Ip: header and values");
            }
            String[] names = ipLines.get(0).trim().split("\\s+");
            String[] values = ipLines.get(1).trim().split("\\s+");
            Map<String, Long> ip = new HashMap<>();
            for (int i = 1; i < Math.min(names.length, values.length); i++) {
                ip.put(names[i], parseLongOrNull(values[i]));
            }
            put(out, Scalar.IP_IN_RECEIVES, ip.get("InReceives"), "Ip InReceives in /proc/net/snmp", problems);
            put(out, Scalar.IP_OUT_REQUESTS, ip.get("OutRequests"), "Ip OutRequests in /proc/net/snmp", problems);
        } catch (IOException | RuntimeException e) {
            problems.add("ip datagrams: cannot read /proc/net/snmp (" + e.getMessage() + ")");
        }
    }

    private List<Filesystem> filesystems(List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve("mounts"));
        } catch (IOException e) {
            problems.add("disks: cannot read /proc/mounts (" + e.getMessage() + ")");
            return List.of();
        }
        List<Filesystem> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length < 3 || PSEUDO_FS.contains(f[2])) {
                continue;
            }
            String device = unescape(f[0]);
            Path mountPoint = Path.of(unescape(f[1]));
            // a device bind-mounted on several paths (or a file bind mount) is one disk
            String key = device.startsWith("/") ? device : device + ":" + mountPoint;
            if (!Files.isDirectory(mountPoint) || !seen.add(key)) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(mountPoint);
                long total = store.getTotalSpace();
                if (total <= 0) {
                    continue;
                }
                out.add(new Filesystem(mountPoint.toString(), device, total / 1024,
                        (total - store.getUnallocatedSpace()) / 1024));
            } catch (IOException | SecurityException e) {
                problems.add("disk " + mountPoint + ": statvfs failed (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private List<DiskIo> disks(List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve("diskstats"));
        } catch (IOException e) {
            problems.add("disk I/O: cannot read /proc/diskstats (" + e.getMessage() + ")");
            return List.of();
        }
        List<DiskIo> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                long reads = Long.parseLong(f[3]);
                long sectorsRead = Long.parseLong(f[5]);
                long writes = Long.parseLong(f[7]);
                long sectorsWritten = Long.parseLong(f[9]);
                if (reads == 0 && writes == 0) {
                    continue;
                }
                out.add(new DiskIo(f[2], sectorsRead * 512, sectorsWritten * 512, reads, writes));
            } catch (NumberFormatException e) {
                problems.add("disk I/O " + f[2] + ": not a number in /proc/diskstats (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private List<NetInterface> interfaces(List<String> problems) {
        Path net = sys.resolve("class/net");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(net)) {
            dirs = new ArrayList<>(s.toList());
        } catch (IOException e) {
            problems.add("interfaces: cannot list /sys/class/net (" + e.getMessage() + ")");
            return List.of();
        }
        Collections.sort(dirs);
        List<NetInterface> out = new ArrayList<>();
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            try {
                int index = Integer.parseInt(firstLine(dir.resolve("ifindex")).trim());
                Long speedMbit = optionalLong(dir.resolve("speed"));
                long speedBits = speedMbit == null || speedMbit < 0 ? 0 : speedMbit * 1_000_000;
                out.add(new NetInterface(index, name, speedBits, mac(dir), ipv4(name),
                        Long.parseLong(firstLine(dir.resolve("statistics/rx_bytes")).trim()),
                        Long.parseLong(firstLine(dir.resolve("statistics/tx_bytes")).trim()),
                        Long.parseLong(firstLine(dir.resolve("statistics/tx_errors")).trim())));
            } catch (IOException | RuntimeException e) {
                problems.add("interface " + name + ": cannot read /sys/class/net/" + name + " (" + e.getMessage()
                        + ")");
            }
        }
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    private static String mac(Path dir) {
        try {
            String hex = firstLine(dir.resolve("address")).trim().replace(":", "").toLowerCase(java.util.Locale.ROOT);
            return hex.chars().allMatch(c -> c == '0') ? "" : hex;
        } catch (IOException e) {
            return "";
        }
    }

    private static String ipv4(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif != null) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no address then
        }
        return "";
    }

    /** {@code Key: 123 kB} or {@code key 123} lines; values that are not numbers map to null. */
    private static Map<String, Long> keyValues(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("[:\\s]+");
            if (f.length >= 2) {
                out.put(f[0], parseLongOrNull(f[1]));
            }
        }
        return out;
    }

    private static void put(Map<Scalar, Number> out, Scalar s, Long value, String what, List<String> problems) {
        if (value == null) {
            problems.add(what + " is missing or not a number");
        } else {
            out.put(s, value);
        }
    }

    private static Long parseLongOrNull(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long optionalLong(Path file) {
        try {
            return Long.parseLong(firstLine(file).trim());
        } catch (IOException | RuntimeException e) {
            return null; // e.g. EINVAL reading the speed of a virtual interface
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) {
                throw new IOException(file + " is empty");
            }
            return line;
        }
    }

    /** /proc/mounts escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
