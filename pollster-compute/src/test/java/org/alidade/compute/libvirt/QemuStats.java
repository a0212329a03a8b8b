package org.alidade.compute.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code virTypedParameter} array in native memory shaped as qemu's answer to
 * {@code virConnectGetAllDomainStats} for the groups the inspector asks for (libvirt's
 * documented fields: state, cpu, balloon, vcpu, net, block), for a domain of {@code vcpus},
 * {@code disks} and {@code nics}. The test driver only answers {@code state.*}; this is how the
 * reading of a real hypervisor's bulk statistics is exercised.
 */
final class QemuStats {

    private final List<Memory> strings = new ArrayList<>(); // kept alive with the array
    private final List<Object[]> params = new ArrayList<>();
    private Memory array;

    /** A domain's statistics; {@code seed} varies the counters. */
    static QemuStats domain(int vcpus, int disks, int nics, long seed) {
        QemuStats q = new QemuStats();
        q.add("state.state", LibvirtNative.TYPED_PARAM_INT, 1);
        q.add("state.reason", LibvirtNative.TYPED_PARAM_INT, 1);
        q.add("cpu.time", LibvirtNative.TYPED_PARAM_ULLONG, 1_000_000_000L + seed);
        q.add("cpu.user", LibvirtNative.TYPED_PARAM_ULLONG, 600_000_000L + seed);
        q.add("cpu.system", LibvirtNative.TYPED_PARAM_ULLONG, 300_000_000L + seed);
        q.add("cpu.haltpoll.success.time", LibvirtNative.TYPED_PARAM_ULLONG, 7L);
        q.add("cpu.haltpoll.fail.time", LibvirtNative.TYPED_PARAM_ULLONG, 3L);
        for (String f : new String[] {"current", "maximum", "swap_in", "swap_out", "major_fault", "minor_fault",
                "unused", "available", "rss", "last-update", "disk_caches", "hugetlb_pgalloc", "hugetlb_pgfail",
                "usable"}) {
            q.add("balloon." + f, LibvirtNative.TYPED_PARAM_ULLONG, 2_097_152L + f.length() + seed);
        }
        q.add("vcpu.current", LibvirtNative.TYPED_PARAM_UINT, vcpus);
        q.add("vcpu.maximum", LibvirtNative.TYPED_PARAM_UINT, vcpus);
        for (int i = 0; i < vcpus; i++) {
            q.add("vcpu." + i + ".state", LibvirtNative.TYPED_PARAM_INT, 1);
            q.add("vcpu." + i + ".time", LibvirtNative.TYPED_PARAM_ULLONG, 400_000_000L + i + seed);
            q.add("vcpu." + i + ".wait", LibvirtNative.TYPED_PARAM_ULLONG, 1_000L + i);
            q.add("vcpu." + i + ".halted", LibvirtNative.TYPED_PARAM_BOOLEAN, 0);
            q.add("vcpu." + i + ".delay", LibvirtNative.TYPED_PARAM_ULLONG, 50L + i);
        }
        q.add("net.count", LibvirtNative.TYPED_PARAM_UINT, nics);
        for (int i = 0; i < nics; i++) {
            q.add("net." + i + ".name", LibvirtNative.TYPED_PARAM_STRING, "tap" + seed + "-" + i);
            for (String f : new String[] {"rx.bytes", "rx.pkts", "rx.errs", "rx.drop", "tx.bytes", "tx.pkts",
                    "tx.errs", "tx.drop"}) {
                q.add("net." + i + "." + f, LibvirtNative.TYPED_PARAM_ULLONG, 10_000L * (i + 1) + f.length() + seed);
            }
        }
        q.add("block.count", LibvirtNative.TYPED_PARAM_UINT, disks);
        for (int i = 0; i < disks; i++) {
            q.add("block." + i + ".name", LibvirtNative.TYPED_PARAM_STRING, "vd" + (char) ('a' + i));
            q.add("block." + i + ".path", LibvirtNative.TYPED_PARAM_STRING,
                    "/var/lib/nova/instances/" + seed + "/disk" + (i == 0 ? "" : ".eph" + (i - 1)));
            q.add("block." + i + ".backingIndex", LibvirtNative.TYPED_PARAM_UINT, 1);
            for (String f : new String[] {"rd.reqs", "rd.bytes", "rd.times", "wr.reqs", "wr.bytes", "wr.times",
                    "fl.reqs", "fl.times", "errors", "allocation", "capacity", "physical"}) {
                q.add("block." + i + "." + f, LibvirtNative.TYPED_PARAM_ULLONG, 100_000L * (i + 1) + f.length() + seed);
            }
        }
        return q;
    }

    /** Adds a parameter: {@code value} a {@link Number} (a boolean as 0/1), a {@link String} or {@code null}. */
    QemuStats add(String field, int type, Object value) {
        params.add(new Object[] {field, type, value});
        array = null;
        return this;
    }

    int count() {
        return params.size();
    }

    /** The array ({@code count()} parameters), made on first use and kept while this object lives. */
    Pointer pointer() {
        if (array == null) {
            array = new Memory((long) LibvirtNative.TYPED_PARAM_SIZE * params.size());
            array.clear();
            for (int i = 0; i < params.size(); i++) {
                long base = (long) i * LibvirtNative.TYPED_PARAM_SIZE;
                byte[] name = ((String) params.get(i)[0]).getBytes(StandardCharsets.US_ASCII);
                array.write(base, name, 0, Math.min(name.length, LibvirtNative.TYPED_PARAM_TYPE_OFFSET - 1));
                int type = (Integer) params.get(i)[1];
                Object v = params.get(i)[2];
                array.setInt(base + LibvirtNative.TYPED_PARAM_TYPE_OFFSET, type);
                long at = base + LibvirtNative.TYPED_PARAM_VALUE_OFFSET;
                switch (type) {
                    case LibvirtNative.TYPED_PARAM_INT, LibvirtNative.TYPED_PARAM_UINT ->
                        array.setInt(at, ((Number) v).intValue());
                    case LibvirtNative.TYPED_PARAM_BOOLEAN -> array.setByte(at, (byte) ((Number) v).intValue());
                    case LibvirtNative.TYPED_PARAM_DOUBLE -> array.setDouble(at, ((Number) v).doubleValue());
                    case LibvirtNative.TYPED_PARAM_STRING -> {
                        if (v != null) {
                            Memory s = new Memory(((String) v).getBytes(StandardCharsets.UTF_8).length + 1L);
                            s.setString(0, (String) v, "UTF-8");
                            strings.add(s);
                            array.setPointer(at, s);
                        }
                    }
                    default -> array.setLong(at, v == null ? 0 : ((Number) v).longValue());
                }
            }
        }
        return array;
    }
}
