package org.alidade.pollster.hardware.meter;

import static org.alidade.api.SampleType.CUMULATIVE;
import static org.alidade.api.SampleType.GAUGE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.alidade.api.SampleType;
import org.alidade.pollster.hardware.inspect.HostStats;
import org.alidade.pollster.hardware.inspect.HostStats.DiskIo;
import org.alidade.pollster.hardware.inspect.HostStats.Filesystem;
import org.alidade.pollster.hardware.inspect.HostStats.NetInterface;
import org.alidade.pollster.hardware.inspect.Scalar;
import org.alidade.pollster.hardware.meter.HardwareMeter.Reading;

/**
 * The {@code hardware.*} catalogue of reference §4.2 (Yoga's {@code snmp.yaml}), with upstream's
 * bugs fixed:
 * <ul>
 * <li>{@code hardware.disk.read.bytes} produces samples (upstream's definition failed to load);</li>
 * <li>all four disk I/O meters are per device: resource id {@code <host>.<diskIODevice>} and
 *     metadata {@code device} (upstream lost the metadata, so every device shared the host's id);</li>
 * <li>disk I/O bytes come from the 64-bit diskIONReadX/diskIONWrittenX when the agent has them
 *     (the 32-bit columns wrap at 4 GiB);</li>
 * <li>per-disk resource ids stay distinct when several file systems share a device name such
 *     as {@code tmpfs}: a device that is not a path is qualified with its mount path
 *     ({@code <host>.tmpfs:/dev/shm}); a real device ({@code /dev/sda1}) keeps upstream's
 *     {@code <host>./dev/sda1}.</li>
 * </ul>
 * Types and units are upstream's. A value the host did not give yields no sample (upstream sent a
 * {@code None} volume, which the notification agent drops anyway).
 */
public final class HardwareMeters {

    private static final List<HardwareMeter> ALL = build();

    private HardwareMeters() {
    }

    /** Every meter, in the reference's order. */
    public static List<HardwareMeter> all() {
        return ALL;
    }

    private static List<HardwareMeter> build() {
        List<HardwareMeter> m = new ArrayList<>();
        m.add(scalar("hardware.cpu.load.1min", GAUGE, "process", Scalar.LOAD_1));
        m.add(scalar("hardware.cpu.load.5min", GAUGE, "process", Scalar.LOAD_5));
        m.add(scalar("hardware.cpu.load.15min", GAUGE, "process", Scalar.LOAD_15));
        m.add(scalar("hardware.cpu.util", GAUGE, "%", Scalar.CPU_USER_PERCENT));
        m.add(scalar("hardware.cpu.user", GAUGE, "tick", Scalar.CPU_RAW_USER));
        m.add(scalar("hardware.cpu.nice", GAUGE, "tick", Scalar.CPU_RAW_NICE));
        m.add(scalar("hardware.cpu.system", GAUGE, "tick", Scalar.CPU_RAW_SYSTEM));
        m.add(scalar("hardware.cpu.idle", GAUGE, "tick", Scalar.CPU_RAW_IDLE));
        m.add(scalar("hardware.cpu.wait", GAUGE, "tick", Scalar.CPU_RAW_WAIT));
        m.add(scalar("hardware.cpu.kernel", GAUGE, "tick", Scalar.CPU_RAW_KERNEL));
        m.add(scalar("hardware.cpu.interrupt", GAUGE, "tick", Scalar.CPU_RAW_INTERRUPT));
        m.add(filesystem("hardware.disk.size.total", Filesystem::totalKb));
        m.add(filesystem("hardware.disk.size.used", Filesystem::usedKb));
        m.add(disk("hardware.disk.read.bytes", "B", DiskIo::readBytes));
        m.add(disk("hardware.disk.write.bytes", "B", DiskIo::writtenBytes));
        m.add(disk("hardware.disk.read.requests", "requests", DiskIo::reads));
        m.add(disk("hardware.disk.write.requests", "requests", DiskIo::writes));
        m.add(scalar("hardware.memory.total", GAUGE, "KB", Scalar.MEM_TOTAL));
        m.add(new HardwareMeter("hardware.memory.used", GAUGE, "KB", s -> {
            Long total = s.integer(Scalar.MEM_TOTAL);
            Long avail = s.integer(Scalar.MEM_AVAIL);
            return List.of(new Reading(null, total == null || avail == null ? null : total - avail, Map.of()));
        }));
        m.add(scalar("hardware.memory.swap.total", GAUGE, "KB", Scalar.SWAP_TOTAL));
        m.add(scalar("hardware.memory.swap.avail", GAUGE, "KB", Scalar.SWAP_AVAIL));
        m.add(scalar("hardware.memory.buffer", GAUGE, "KB", Scalar.MEM_BUFFER));
        m.add(scalar("hardware.memory.cached", GAUGE, "KB", Scalar.MEM_CACHED));
        m.add(nic("hardware.network.incoming.bytes", "B", NetInterface::inOctets));
        m.add(nic("hardware.network.outgoing.bytes", "B", NetInterface::outOctets));
        m.add(nic("hardware.network.outgoing.errors", "packet", NetInterface::outErrors));
        m.add(scalar("hardware.network.ip.outgoing.datagrams", CUMULATIVE, "datagrams", Scalar.IP_OUT_REQUESTS));
        m.add(scalar("hardware.network.ip.incoming.datagrams", CUMULATIVE, "datagrams", Scalar.IP_IN_RECEIVES));
        m.add(scalar("hardware.system_stats.cpu.idle", GAUGE, "%", Scalar.CPU_IDLE_PERCENT));
        m.add(scalar("hardware.system_stats.io.outgoing.blocks", CUMULATIVE, "blocks", Scalar.IO_RAW_SENT));
        m.add(scalar("hardware.system_stats.io.incoming.blocks", CUMULATIVE, "blocks", Scalar.IO_RAW_RECEIVED));
        return List.copyOf(m);
    }

    private static HardwareMeter scalar(String name, SampleType type, String unit, Scalar scalar) {
        return new HardwareMeter(name, type, unit, s -> {
            // not a ?: expression: Double and Long operands would be promoted to double
            Object v;
            if (scalar.kind() == Scalar.Kind.DECIMAL) {
                v = s.decimal(scalar);
            } else {
                v = s.integer(scalar);
            }
            return List.of(new Reading(null, v, Map.of()));
        });
    }

    private static HardwareMeter filesystem(String name, Function<Filesystem, Long> value) {
        return new HardwareMeter(name, GAUGE, "KB", s -> {
            List<Reading> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Filesystem fs : s.filesystems()) {
                String suffix = diskSuffix(fs);
                if (seen.add(suffix)) {
                    Map<String, Object> md = new LinkedHashMap<>();
                    md.put("path", fs.path());
                    md.put("device", fs.device());
                    out.add(new Reading(suffix, value.apply(fs), md));
                }
            }
            return out;
        });
    }

    /** {@code /dev/sda1} as upstream; a device that is no path ({@code tmpfs}) with its mount path. */
    static String diskSuffix(Filesystem fs) {
        return fs.device().startsWith("/") ? fs.device() : fs.device() + ":" + fs.path();
    }

    private static HardwareMeter disk(String name, String unit, Function<DiskIo, Long> value) {
        return new HardwareMeter(name, GAUGE, unit, s -> {
            List<Reading> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (DiskIo d : s.disks()) {
                if (seen.add(d.device())) {
                    out.add(new Reading(d.device(), value.apply(d), Map.of("device", d.device())));
                }
            }
            return out;
        });
    }

    private static HardwareMeter nic(String name, String unit, Function<NetInterface, Long> value) {
        return new HardwareMeter(name, CUMULATIVE, unit, s -> {
            List<Reading> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (NetInterface n : s.interfaces()) {
                if (seen.add(n.name())) {
                    Map<String, Object> md = new LinkedHashMap<>();
                    md.put("name", n.name());
                    md.put("speed", n.speedBits() == null ? null : n.speedBits() / 8.0);
                    md.put("mac", n.mac());
                    md.put("ip", n.ip());
                    out.add(new Reading(n.name(), value.apply(n), md));
                }
            }
            return out;
        });
    }
}
