package org.alidade.compute.inspector;

import java.util.Objects;

/**
 * One disk's counters and sizes; {@code null} where the hypervisor supplies none, or where the call
 * that reads them failed while the disk's other calls answered ({@link #failures}).
 *
 * @param readLatency  ns, cumulative ({@code rd_total_times})
 * @param writeLatency ns, cumulative ({@code wr_total_times})
 * @param failures     the calls that failed for this disk, each the reason of its fields' nulls
 * @since 1.1 ({@code failures})
 */
public record DiskStats(DomainDescription.Disk disk, Long readRequests, Long readBytes, Long writeRequests,
        Long writeBytes, Long readLatency, Long writeLatency, Long capacity, Long allocation, Long physical,
        Failures failures) {

    public DiskStats {
        Objects.requireNonNull(failures, "failures (Failures.NONE for none)");
    }

    /** A disk whose values are all read, or not supplied by the hypervisor: no failure. */
    public DiskStats(DomainDescription.Disk disk, Long readRequests, Long readBytes, Long writeRequests,
            Long writeBytes, Long readLatency, Long writeLatency, Long capacity, Long allocation, Long physical) {
        this(disk, readRequests, readBytes, writeRequests, writeBytes, readLatency, writeLatency, capacity,
                allocation, physical, Failures.NONE);
    }

    /**
     * Why some of a disk's values are missing although the hypervisor supplies them: a call for
     * that disk failed while its others answered. {@code null} where nothing failed.
     *
     * @param io      read/write requests and bytes
     * @param latency read/write latency
     * @param info    capacity, allocation and physical size
     */
    public record Failures(InspectorException io, InspectorException latency, InspectorException info) {
        public static final Failures NONE = new Failures(null, null, null);
    }
}
