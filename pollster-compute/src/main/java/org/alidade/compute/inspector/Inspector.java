package org.alidade.compute.inspector;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads this hypervisor. One {@link #snapshot()} per polling cycle lists every domain with its
 * parsed description and the statistics the hypervisor returns in bulk; the {@code inspect*}
 * methods complete a domain's statistics from that snapshot, calling the hypervisor per domain
 * only for what the bulk statistics lack. Thread-safe.
 *
 * <p>A value the hypervisor cannot supply is {@code null} in the returned records (the pollsters
 * skip that meter for that instance); a domain that has gone since the snapshot raises
 * {@link InstanceGoneException}; any other hypervisor error raises {@link InspectorException}.
 */
@ProviderType
public interface Inspector {

    /**
     * Every domain defined on this host now (running or not), with its statistics of one bulk
     * call. Descriptions are re-read only for domains that are new or whose definition changed.
     *
     * @throws InspectorException when the hypervisor cannot be reached (logged by the inspector)
     */
    Snapshot snapshot() throws InspectorException;

    /** CPU, vCPU, memory and power state of a domain of {@code snapshot}. */
    InstanceStats inspectInstance(Snapshot snapshot, DomainDescription domain) throws InspectorException;

    /** Counters and sizes of the domain's disks (those with a source), in description order. */
    List<DiskStats> inspectDisks(Snapshot snapshot, DomainDescription domain) throws InspectorException;

    /** Counters of the domain's network interfaces, in description order. */
    List<NicStats> inspectVnics(Snapshot snapshot, DomainDescription domain) throws InspectorException;

    /** Hypervisor calls made since the inspector started (the benchmark's "libvirt calls per cycle"). */
    long hypervisorCalls();
}
