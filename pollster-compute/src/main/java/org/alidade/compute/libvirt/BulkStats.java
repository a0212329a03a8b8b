package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * One domain's typed parameters from {@code virConnectGetAllDomainStats} ({@code state.state},
 * {@code cpu.time}, {@code vcpu.0.time}, {@code balloon.rss}, {@code block.0.rd.bytes}, …), read
 * in one copy of the native array.
 *
 * <p>Kept compact, because a snapshot holds every domain's record for the whole cycle and qemu
 * answers 80–200 parameters a domain: the values are one {@code long[]} (a double as its bits, a
 * boolean as 0 or 1, a string as its index among the record's strings), and the field names,
 * their types and the index over them are a {@link Layout} shared by the records that have the
 * same fields — the domains of a host with the same vCPU, disk and NIC counts, in this cycle and
 * the next. Field names are made once ({@link FieldNames}), not once a cycle; a {@link Reader}
 * keeps both for its inspector.
 */
final class BulkStats {

    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;

    private static final BulkStats EMPTY = new BulkStats(Layout.of(new String[0], new byte[0]), new long[0], null);

    final Layout layout; // package-private for tests: records alike share it
    private final long[] values;
    private final String[] strings;

    private BulkStats(Layout layout, long[] values, String[] strings) {
        this.layout = layout;
        this.values = values;
        this.strings = strings;
    }

    static BulkStats empty() {
        return EMPTY;
    }

    /**
     * Reads records, keeping the field names and layouts met so far: one per inspector, whose
     * snapshots (and per-domain calls) it serves. Thread-safe: a record is read under the
     * reader's lock, taken once per record rather than once per field.
     */
    static final class Reader {
        private final FieldNames names = new FieldNames(16_384);
        private final Layouts layouts = new Layouts(16);

        /** Reads {@code n} {@code virTypedParameter}s at {@code params} (which the caller frees afterwards). */
        synchronized BulkStats read(Pointer params, int n) {
            return BulkStats.read(params, n, names, layouts);
        }
    }

    private static BulkStats read(Pointer params, int n, FieldNames names, Layouts layouts) {
        if (params == null || n <= 0) {
            return EMPTY;
        }
        byte[] raw = params.getByteArray(0, n * LibvirtNative.TYPED_PARAM_SIZE);
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        String[] fields = new String[n];
        byte[] types = new byte[n];
        long[] values = new long[n];
        String[] strings = null;
        int m = 0;
        int s = 0;
        for (int i = 0; i < n; i++) {
            int base = i * LibvirtNative.TYPED_PARAM_SIZE;
            int at = base + LibvirtNative.TYPED_PARAM_VALUE_OFFSET;
            byte type;
            long value;
            switch (buf.getInt(base + LibvirtNative.TYPED_PARAM_TYPE_OFFSET)) {
                case LibvirtNative.TYPED_PARAM_INT -> {
                    type = LONG;
                    value = buf.getInt(at);
                }
                case LibvirtNative.TYPED_PARAM_UINT -> {
                    type = LONG;
                    value = Integer.toUnsignedLong(buf.getInt(at));
                }
                case LibvirtNative.TYPED_PARAM_LLONG, LibvirtNative.TYPED_PARAM_ULLONG -> {
                    type = LONG;
                    value = buf.getLong(at);
                }
                case LibvirtNative.TYPED_PARAM_DOUBLE -> {
                    type = DOUBLE;
                    value = buf.getLong(at);
                }
                case LibvirtNative.TYPED_PARAM_BOOLEAN -> {
                    type = BOOLEAN;
                    value = buf.get(at) != 0 ? 1 : 0;
                }
                case LibvirtNative.TYPED_PARAM_STRING -> {
                    long p = buf.getLong(at);
                    if (p == 0) {
                        continue;
                    }
                    if (strings == null) {
                        strings = new String[4];
                    } else if (s == strings.length) {
                        strings = Arrays.copyOf(strings, 2 * s);
                    }
                    strings[s] = new Pointer(p).getString(0, "UTF-8");
                    type = STRING;
                    value = s++;
                }
                default -> {
                    continue; // a type this libvirt does not document: not read
                }
            }
            int len = 0;
            while (len < LibvirtNative.TYPED_PARAM_TYPE_OFFSET && raw[base + len] != 0) {
                len++;
            }
            fields[m] = names.name(raw, base, len);
            types[m] = type;
            values[m++] = value;
        }
        return new BulkStats(layouts.of(fields, types, m), m == n ? values : Arrays.copyOf(values, m),
                strings == null || s == strings.length ? strings : Arrays.copyOf(strings, s));
    }

    Long number(String field) {
        int i = layout.find(field);
        return i >= 0 && layout.types[i] == LONG ? values[i] : null;
    }

    String string(String field) {
        int i = layout.find(field);
        return i >= 0 && layout.types[i] == STRING ? strings[(int) values[i]] : null;
    }

    boolean hasGroup(String prefix) {
        for (String k : layout.fields) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code block.<i>} of the disk whose {@code block.<i>.name} is {@code device}, or {@code null}. */
    String block(String device) {
        return find(layout.group(Layout.BLOCK), "block.count", device);
    }

    /** {@code net.<i>} of the interface whose {@code net.<i>.name} is {@code tap}, or {@code null}. */
    String net(String tap) {
        return find(layout.group(Layout.NET), "net.count", tap);
    }

    /** The first device {@code i < count} of the group named {@code name}: its prefix, or {@code null}. */
    private String find(Layout.Group g, String countField, String name) {
        Long count = number(countField);
        for (int k = 0; count != null && k < g.index().length && g.index()[k] < count; k++) {
            if (name.equals(strings[(int) values[g.position()[k]]])) {
                return g.prefix()[k];
            }
        }
        return null;
    }

    /** What identifies the domain's devices in the bulk statistics: a change means a hot-plug. */
    String devices() {
        StringBuilder sb = new StringBuilder();
        names(sb, layout.group(Layout.BLOCK), "block.count");
        names(sb, layout.group(Layout.NET), "net.count");
        return sb.toString();
    }

    /** The names of the group's devices {@code i < count}, each followed by a comma, then a semicolon. */
    private void names(StringBuilder sb, Layout.Group g, String countField) {
        Long count = number(countField);
        for (int k = 0; count != null && k < g.index().length && g.index()[k] < count; k++) {
            sb.append(strings[(int) values[g.position()[k]]]).append(',');
        }
        sb.append(';');
    }

    /**
     * A record's field names and types, and an open-addressing index from name to position (the
     * last position of a name that comes twice). Immutable but for its device groups, made on
     * first use: shared by records and threads.
     */
    static final class Layout {
        final String[] fields;
        final byte[] types;
        private final int[] slots; // position + 1, 0 where empty

        private Layout(String[] fields, byte[] types, int[] slots) {
            this.fields = fields;
            this.types = types;
            this.slots = slots;
        }

        static final int BLOCK = 0;
        static final int NET = 1;

        /**
         * The {@code <group>.<i>.name} fields of a record of this layout ({@code block} or
         * {@code net}): their positions by {@code i}, and the {@code <group>.<i>} prefixes. Made
         * once per layout, so that finding a device's statistics costs a record nothing.
         */
        record Group(int[] index, int[] position, String[] prefix) {
        }

        private final Group[] groups = new Group[2]; // made on first use (a race makes one twice: harmless)

        Group group(int which) {
            Group g = groups[which];
            if (g == null) {
                groups[which] = g = group(which == BLOCK ? "block." : "net.");
            }
            return g;
        }

        private Group group(String prefix) {
            java.util.TreeMap<Integer, Integer> found = new java.util.TreeMap<>();
            for (int i = 0; i < fields.length; i++) {
                String f = fields[i];
                if (f.startsWith(prefix) && f.endsWith(".name")) {
                    String digits = f.substring(prefix.length(), f.length() - ".name".length());
                    int at = find(f); // a name twice: the last one, as number() and string()
                    if (!digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(Character::isDigit)
                            && types[at] == STRING) {
                        found.put(Integer.valueOf(digits), at);
                    }
                }
            }
            int[] index = new int[found.size()];
            int[] position = new int[found.size()];
            String[] prefixes = new String[found.size()];
            int k = 0;
            for (Map.Entry<Integer, Integer> e : found.entrySet()) {
                index[k] = e.getKey();
                position[k] = e.getValue();
                prefixes[k++] = prefix + e.getKey();
            }
            return new Group(index, position, prefixes);
        }

        static Layout of(String[] fields, byte[] types) {
            int[] slots = new int[Integer.highestOneBit(Math.max(2, fields.length + fields.length / 2)) * 2];
            int mask = slots.length - 1;
            for (int i = 0; i < fields.length; i++) {
                int j = spread(fields[i].hashCode()) & mask;
                while (slots[j] != 0 && !fields[slots[j] - 1].equals(fields[i])) {
                    j = (j + 1) & mask;
                }
                slots[j] = i + 1;
            }
            return new Layout(fields, types, slots);
        }

        int find(String field) {
            int mask = slots.length - 1;
            for (int j = spread(field.hashCode()) & mask; slots[j] != 0; j = (j + 1) & mask) {
                if (fields[slots[j] - 1].equals(field)) {
                    return slots[j] - 1;
                }
            }
            return -1;
        }

        boolean is(String[] fields, byte[] types, int n) {
            if (this.fields.length != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (this.fields[i] != fields[i] || this.types[i] != types[i]) { // names are made once
                    return false;
                }
            }
            return true;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }

    /** The layouts met most recently (a host has few: one per vCPU, disk and NIC count). Guarded by its {@link Reader}. */
    private static final class Layouts {
        private final Layout[] recent;

        Layouts(int size) {
            recent = new Layout[size];
        }

        Layout of(String[] fields, byte[] types, int n) {
            for (int i = 0; i < recent.length && recent[i] != null; i++) {
                Layout l = recent[i];
                if (l.is(fields, types, n)) {
                    System.arraycopy(recent, 0, recent, 1, i); // most recent first
                    recent[0] = l;
                    return l;
                }
            }
            Layout l = Layout.of(Arrays.copyOf(fields, n), Arrays.copyOf(types, n));
            System.arraycopy(recent, 0, recent, 1, recent.length - 1);
            recent[0] = l;
            return l;
        }
    }

    /**
     * The field names met so far, found by their bytes without making a string: the names of a
     * host's domains are few and the same each cycle. Bounded: past {@code max} names a name is
     * made each time (correct, only not shared). Guarded by its {@link Reader} (tests use one alone).
     */
    static final class FieldNames {
        private final int max;
        private String[] table = new String[256];
        private int size;

        FieldNames(int max) {
            this.max = max;
        }

        /** The name in {@code raw[off .. off + len)} (Latin-1: a byte is a char). */
        String name(byte[] raw, int off, int len) {
            int h = 0;
            for (int i = 0; i < len; i++) {
                h = 31 * h + (raw[off + i] & 0xff); // String.hashCode of the Latin-1 text
            }
            int mask = table.length - 1;
            int j = Layout.spread(h) & mask;
            for (String s = table[j]; s != null; s = table[j = (j + 1) & mask]) {
                if (same(s, raw, off, len)) {
                    return s;
                }
            }
            String name = new String(raw, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (size < max) {
                table[j] = name;
                if (++size * 2 > table.length) {
                    rehash();
                }
            }
            return name;
        }

        private static boolean same(String s, byte[] raw, int off, int len) {
            if (s.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (s.charAt(i) != (raw[off + i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }

        private void rehash() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String s : old) {
                if (s != null) {
                    int j = Layout.spread(s.hashCode()) & mask;
                    while (table[j] != null) {
                        j = (j + 1) & mask;
                    }
                    table[j] = s;
                }
            }
        }
    }
}
