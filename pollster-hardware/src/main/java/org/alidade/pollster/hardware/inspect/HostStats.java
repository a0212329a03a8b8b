package org.alidade.pollster.hardware.inspect;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one inspector read from one host in one cycle: the inspector-neutral model every
 * {@code hardware.*} meter is computed from. Immutable. A value the host did not give (an OID
 * answered with noSuchObject, a file the kernel does not have) is absent; {@code problems} says
 * why, once per host, in words an operator can act on.
 *
 * @param scalars     {@link Long} for {@link Scalar.Kind#INTEGER}, {@link Double} for decimals
 * @param filesystems dskTable rows (or this host's mounted file systems)
 * @param disks       diskIOTable rows (or {@code /proc/diskstats})
 * @param interfaces  ifTable rows (or {@code /sys/class/net})
 * @param problems    values that could not be read, one line each
 */
public record HostStats(Map<Scalar, Number> scalars, List<Filesystem> filesystems, List<DiskIo> disks,
        List<NetInterface> interfaces, List<String> problems) {

    public HostStats {
        scalars = scalars.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(scalars));
        filesystems = List.copyOf(filesystems);
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
        problems = List.copyOf(problems);
    }

    public Long integer(Scalar s) {
        Number n = scalars.get(s);
        return n == null ? null : n.longValue();
    }

    public Double decimal(Scalar s) {
        Number n = scalars.get(s);
        return n == null ? null : n.doubleValue();
    }

    /**
     * A mounted file system (UCD dskTable).
     *
     * @param path    where it is mounted (dskPath)
     * @param device  what is mounted (dskDevice), e.g. {@code /dev/sda1} or {@code tmpfs}
     * @param totalKb size in KiB (dskTotal), or {@code null}
     * @param usedKb  used KiB (dskUsed), or {@code null}
     */
    public record Filesystem(String path, String device, Long totalKb, Long usedKb) {
    }

    /**
     * A block device's I/O counters (UCD diskIOTable).
     *
     * @param device       diskIODevice, e.g. {@code sda}
     * @param readBytes    bytes read (diskIONReadX, else diskIONRead)
     * @param writtenBytes bytes written (diskIONWrittenX, else diskIONWritten)
     * @param reads        read requests (diskIOReads)
     * @param writes       write requests (diskIOWrites)
     */
    public record DiskIo(String device, Long readBytes, Long writtenBytes, Long reads, Long writes) {
    }

    /**
     * A network interface (IF-MIB ifTable).
     *
     * @param index     ifIndex
     * @param name      ifDescr
     * @param speedBits ifSpeed in bit/s, or {@code null}
     * @param mac       ifPhysAddress as lower-case hex without separators ({@code ""} when none)
     * @param ip        the IPv4 address of the interface (ipAdEntIfIndex), {@code ""} when none
     * @param inOctets  ifInOctets
     * @param outOctets ifOutOctets
     * @param outErrors ifOutErrors
     */
    public record NetInterface(int index, String name, Long speedBits, String mac, String ip, Long inOctets,
            Long outOctets, Long outErrors) {
    }
}
