package org.alidade.compute.discovery;

import org.alidade.compute.inspector.Snapshot;

/**
 * The payload of a {@code local_instances} resource: the domain as discovered. The discovery hands
 * out the same resource, metadata included, until the domain's description or state changes, so
 * the metadata the pollsters derive from the instance's (a disk's, a NIC's, with
 * {@code cpu_number}: {@code Metadata.derived}) is made once and kept with it.
 */
public final class LocalInstance {

    private final Snapshot.DomainState state;
    private final String host;

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
}
