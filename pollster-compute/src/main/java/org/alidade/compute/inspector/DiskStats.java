package org.alidade.compute.inspector;

/**
 * One disk's counters and sizes; {@code null} where the hypervisor supplies none.
 *
 * @param readLatency  ns, cumulative ({@code rd_total_times})
 * @param writeLatency ns, cumulative ({@code wr_total_times})
 */
public record DiskStats(DomainDescription.Disk disk, Long readRequests, Long readBytes, Long writeRequests,
        Long writeBytes, Long readLatency, Long writeLatency, Long capacity, Long allocation, Long physical) {
}
