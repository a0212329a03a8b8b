package org.alidade.compute.inspector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The domains of this host at one moment: one bulk statistics call.
 *
 * @param domains        by UUID, in the hypervisor's order
 * @param monotonicTime  seconds of the monotonic clock ({@code time.monotonic()}) when it was taken
 * @param data           inspector-private data for the {@code inspect*} calls (e.g. bulk statistics)
 */
public record Snapshot(Map<String, DomainState> domains, double monotonicTime, Object data) {

    public Snapshot {
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** A domain's description with its state at snapshot time. */
    public record DomainState(DomainDescription description, PowerState state) {
    }
}
