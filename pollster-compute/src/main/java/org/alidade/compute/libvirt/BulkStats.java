package org.alidade.compute.libvirt;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One domain's typed parameters from {@code virConnectGetAllDomainStats} ({@code state.state},
 * {@code cpu.time}, {@code vcpu.0.time}, {@code balloon.rss}, {@code block.0.rd.bytes}, …), read
 * in one copy of the native array and kept as Java values ({@link Long}, {@link Double},
 * {@link String}, {@link Boolean}).
 */
final class BulkStats {

    private static final BulkStats EMPTY = new BulkStats(Map.of());

    private final Map<String, Object> values;
    private Map<String, Integer> blockIndex;
    private Map<String, Integer> netIndex;

    private BulkStats(Map<String, Object> values) {
        this.values = values;
    }

    static BulkStats empty() {
        return EMPTY;
    }

    /** Reads {@code n} {@code virTypedParameter}s at {@code params} (which the caller frees afterwards). */
    static BulkStats read(Pointer params, int n) {
        if (params == null || n <= 0) {
            return EMPTY;
        }
        byte[] raw = params.getByteArray(0, n * LibvirtNative.TYPED_PARAM_SIZE);
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        Map<String, Object> values = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            int base = i * LibvirtNative.TYPED_PARAM_SIZE;
            int len = 0;
            while (len < LibvirtNative.TYPED_PARAM_TYPE_OFFSET && raw[base + len] != 0) {
                len++;
            }
            String field = new String(raw, base, len, StandardCharsets.US_ASCII);
            int at = base + LibvirtNative.TYPED_PARAM_VALUE_OFFSET;
            Object value = switch (buf.getInt(base + LibvirtNative.TYPED_PARAM_TYPE_OFFSET)) {
                case LibvirtNative.TYPED_PARAM_INT -> (long) buf.getInt(at);
                case LibvirtNative.TYPED_PARAM_UINT -> Integer.toUnsignedLong(buf.getInt(at));
                case LibvirtNative.TYPED_PARAM_LLONG, LibvirtNative.TYPED_PARAM_ULLONG -> buf.getLong(at);
                case LibvirtNative.TYPED_PARAM_DOUBLE -> buf.getDouble(at);
                case LibvirtNative.TYPED_PARAM_BOOLEAN -> buf.get(at) != 0;
                case LibvirtNative.TYPED_PARAM_STRING -> {
                    long p = buf.getLong(at);
                    yield p == 0 ? null : new Pointer(p).getString(0, "UTF-8");
                }
                default -> null;
            };
            if (value != null) {
                values.put(field, value);
            }
        }
        return new BulkStats(values);
    }

    /** For tests: a record from field → value. */
    static BulkStats of(Map<String, Object> values) {
        return new BulkStats(new HashMap<>(values));
    }

    Long number(String field) {
        return values.get(field) instanceof Long l ? l : null;
    }

    String string(String field) {
        return values.get(field) instanceof String s ? s : null;
    }

    boolean hasGroup(String prefix) {
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code block.<i>} of the disk whose {@code block.<i>.name} is {@code device}, or {@code null}. */
    synchronized String block(String device) {
        if (blockIndex == null) {
            blockIndex = index("block");
        }
        Integer i = blockIndex.get(device);
        return i == null ? null : "block." + i;
    }

    /** {@code net.<i>} of the interface whose {@code net.<i>.name} is {@code tap}, or {@code null}. */
    synchronized String net(String tap) {
        if (netIndex == null) {
            netIndex = index("net");
        }
        Integer i = netIndex.get(tap);
        return i == null ? null : "net." + i;
    }

    private Map<String, Integer> index(String group) {
        Long count = number(group + ".count");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; count != null && i < count; i++) {
            String name = string(group + "." + i + ".name");
            if (name != null) {
                index.putIfAbsent(name, i);
            }
        }
        return index;
    }

    /** What identifies the domain's devices in the bulk statistics: a change means a hot-plug. */
    String devices() {
        StringBuilder sb = new StringBuilder();
        for (String group : new String[] {"block", "net"}) {
            Long count = number(group + ".count");
            for (int i = 0; count != null && i < count; i++) {
                sb.append(string(group + "." + i + ".name")).append(',');
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
