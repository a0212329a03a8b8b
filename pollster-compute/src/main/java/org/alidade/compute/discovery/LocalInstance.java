package org.alidade.compute.discovery;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.alidade.compute.inspector.Snapshot;

/**
 * The payload of a {@code local_instances} resource: the domain as discovered, and the sample
 * metadata derived from the instance's (a disk's, a NIC's, with {@code cpu_number}), made once
 * and reused for as long as the instance stays as it is — the discovery hands out the same
 * resource, payload included, until the domain's description or state changes. Samples that
 * share one metadata map share its signature and JSON texts too.
 */
public final class LocalInstance {

    /** More derived maps than any instance has devices: the rest are from changed values (vcpus). */
    private static final int MAX_DERIVED = 64;

    private final Snapshot.DomainState state;
    private final String host;
    /** Derived metadata: key, map, key, map, … (a handful per instance: an array, not a hash map). */
    private volatile Object[] derived = new Object[0];

    LocalInstance(Snapshot.DomainState state, String host) {
        this.state = state;
        this.host = host;
    }

    public Snapshot.DomainState state() {
        return state;
    }

    /** Whether this payload still describes {@code now} on {@code host} (same description, same state). */
    boolean describes(Snapshot.DomainState now, String host) {
        return state.description() == now.description() && state.state() == now.state() && this.host.equals(host);
    }

    /** The metadata for {@code key} (a record naming the device), made by {@code make} the first time. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata(Object key, Supplier<Map<String, Object>> make) {
        Object[] d = derived;
        for (int i = 0; i < d.length; i += 2) {
            if (d[i].equals(key)) {
                return (Map<String, Object>) d[i + 1];
            }
        }
        synchronized (this) {
            d = derived;
            for (int i = 0; i < d.length; i += 2) {
                if (d[i].equals(key)) {
                    return (Map<String, Object>) d[i + 1];
                }
            }
            Map<String, Object> m = make.get();
            Object[] grown = d.length >= 2 * MAX_DERIVED ? new Object[2] : Arrays.copyOf(d, d.length + 2);
            grown[grown.length - 2] = key;
            grown[grown.length - 1] = m;
            derived = grown;
            return m;
        }
    }
}
