package org.alidade.pollster.hardware.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alidade.pollster.hardware.inspect.HostStats;
import org.alidade.pollster.hardware.inspect.HostStats.DiskIo;
import org.alidade.pollster.hardware.inspect.HostStats.Filesystem;
import org.alidade.pollster.hardware.inspect.HostStats.NetInterface;
import org.alidade.pollster.hardware.inspect.Scalar;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * Turns what an agent answered (scalar GET, column walks) into {@link HostStats} with upstream's
 * conversions: {@code float(str(x))} for the load, {@code int(x)} for the rest. An exception value
 * (noSuchObject, noSuchInstance) or a value that is no number leaves the value out and adds a
 * problem that names the object, its OID and what came instead.
 */
final class SnmpMapping {

    private SnmpMapping() {
    }

    static HostStats map(Map<OID, Variable> scalars, Map<OID, Variable> columns) {
        List<String> problems = new ArrayList<>();
        Map<Scalar, Number> values = new EnumMap<>(Scalar.class);
        for (Scalar s : Scalar.values()) {
            Variable v = scalars.get(new OID(s.oid()));
            String what = s.name().toLowerCase(java.util.Locale.ROOT) + " (" + s.oid() + ")";
            Number n; // no ?: here: a Double and a Long operand would be unboxed
            if (s.kind() == Scalar.Kind.DECIMAL) {
                n = decimal(v, what, problems);
            } else {
                n = integer(v, what, problems);
            }
            if (n != null) {
                values.put(s, n);
            }
        }
        return new HostStats(values, filesystems(columns, problems), disks(columns, problems),
                interfaces(columns, problems), problems);
    }

    private static List<Filesystem> filesystems(Map<OID, Variable> c, List<String> problems) {
        List<Filesystem> out = new ArrayList<>();
        for (OID index : indexes(c, SnmpOids.DSK_PATH)) {
            String path = text(c.get(col(SnmpOids.DSK_PATH, index)));
            String device = text(c.get(col(SnmpOids.DSK_DEVICE, index)));
            if (path == null || device == null) {
                problems.add("dskTable row " + index + " has no path or device");
                continue;
            }
            Long total = wide(c, SnmpOids.DSK_TOTAL_HIGH, SnmpOids.DSK_TOTAL_LOW, SnmpOids.DSK_TOTAL, index,
                    "dskTotal of " + path, problems);
            Long used = wide(c, SnmpOids.DSK_USED_HIGH, SnmpOids.DSK_USED_LOW, SnmpOids.DSK_USED, index,
                    "dskUsed of " + path, problems);
            out.add(new Filesystem(path, device, total, used));
        }
        return out;
    }

    /** The 64-bit value from its high and low halves when the agent has them, else the 32-bit column. */
    private static Long wide(Map<OID, Variable> c, OID high, OID low, OID narrow, OID index, String what,
            List<String> problems) {
        Variable h = c.get(col(high, index));
        Variable l = c.get(col(low, index));
        if (h != null && numeric(h) && l != null && numeric(l)) {
            return (h.toLong() << 32) | (l.toLong() & 0xffffffffL);
        }
        return integer(c.get(col(narrow, index)), what + " (" + col(narrow, index) + ")", problems);
    }

    private static List<DiskIo> disks(Map<OID, Variable> c, List<String> problems) {
        List<DiskIo> out = new ArrayList<>();
        for (OID index : indexes(c, SnmpOids.IO_DEVICE)) {
            String device = text(c.get(col(SnmpOids.IO_DEVICE, index)));
            if (device == null) {
                continue;
            }
            Long read = c.containsKey(col(SnmpOids.IO_NREADX, index))
                    ? integer(c.get(col(SnmpOids.IO_NREADX, index)), "diskIONReadX of " + device, problems)
                    : integer(c.get(col(SnmpOids.IO_NREAD, index)), "diskIONRead of " + device, problems);
            Long written = c.containsKey(col(SnmpOids.IO_NWRITTENX, index))
                    ? integer(c.get(col(SnmpOids.IO_NWRITTENX, index)), "diskIONWrittenX of " + device, problems)
                    : integer(c.get(col(SnmpOids.IO_NWRITTEN, index)), "diskIONWritten of " + device, problems);
            out.add(new DiskIo(device, read, written,
                    integer(c.get(col(SnmpOids.IO_READS, index)), "diskIOReads of " + device, problems),
                    integer(c.get(col(SnmpOids.IO_WRITES, index)), "diskIOWrites of " + device, problems)));
        }
        return out;
    }

    private static List<NetInterface> interfaces(Map<OID, Variable> c, List<String> problems) {
        // ipAdEntIfIndex.<a.b.c.d> = ifIndex; the last address of an interface wins, as upstream
        Map<Long, String> ipByIf = new HashMap<>();
        for (OID index : indexes(c, SnmpOids.IP_AD_ENT_IF_INDEX)) {
            Variable v = c.get(col(SnmpOids.IP_AD_ENT_IF_INDEX, index));
            if (v != null && numeric(v)) {
                ipByIf.put(v.toLong(), index.toDottedString());
            }
        }
        List<NetInterface> out = new ArrayList<>();
        for (OID index : indexes(c, SnmpOids.IF_DESCR)) {
            String name = text(c.get(col(SnmpOids.IF_DESCR, index)));
            if (name == null || index.size() != 1) {
                continue;
            }
            int ifIndex = index.get(0);
            Variable phys = c.get(col(SnmpOids.IF_PHYS, index));
            out.add(new NetInterface(ifIndex, name,
                    integer(c.get(col(SnmpOids.IF_SPEED, index)), "ifSpeed of " + name, problems),
                    phys instanceof OctetString os ? hex(os.getValue()) : "", ipByIf.getOrDefault((long) ifIndex, ""),
                    integer(c.get(col(SnmpOids.IF_IN, index)), "ifInOctets of " + name, problems),
                    integer(c.get(col(SnmpOids.IF_OUT, index)), "ifOutOctets of " + name, problems),
                    integer(c.get(col(SnmpOids.IF_OUT_ERRORS, index)), "ifOutErrors of " + name, problems)));
        }
        return out;
    }

    /** The row indexes of a column, in OID order. */
    private static List<OID> indexes(Map<OID, Variable> c, OID column) {
        TreeSet<OID> out = new TreeSet<>();
        for (OID oid : c.keySet()) {
            if (oid.size() > column.size() && oid.startsWith(column)) {
                out.add(new OID(oid.getValue(), column.size(), oid.size() - column.size()));
            }
        }
        return new ArrayList<>(out);
    }

    private static OID col(OID column, OID index) {
        return new OID(column).append(index);
    }

    static Long integer(Variable v, String what, List<String> problems) {
        if (v == null) {
            problems.add(what + ": no value");
            return null;
        }
        if (v.isException()) {
            problems.add(what + ": " + v.getSyntaxString());
            return null;
        }
        if (numeric(v)) {
            return v.toLong();
        }
        String s = text(v);
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            problems.add(what + ": not a number: '" + abbreviate(s) + "' (" + v.getSyntaxString() + ")");
            return null;
        }
    }

    static Double decimal(Variable v, String what, List<String> problems) {
        if (v == null) {
            problems.add(what + ": no value");
            return null;
        }
        if (v.isException()) {
            problems.add(what + ": " + v.getSyntaxString());
            return null;
        }
        if (numeric(v)) {
            return (double) v.toLong();
        }
        String s = text(v);
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(what + ": not a number: '" + abbreviate(s) + "' (" + v.getSyntaxString() + ")");
            return null;
        }
    }

    /** INTEGER, Counter32/Gauge32/TimeTicks, Counter64. */
    static boolean numeric(Variable v) {
        return v instanceof Integer32 || v instanceof UnsignedInteger32 || v instanceof Counter64;
    }

    /** DisplayString text (never SNMP4J's hex rendering of non-printable strings). */
    static String text(Variable v) {
        if (v == null || v.isException()) {
            return null;
        }
        if (v instanceof OctetString os) {
            return new String(os.getValue(), StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static Map<OID, Variable> sorted(Map<OID, Variable> m) {
        return new TreeMap<>(m);
    }
}
