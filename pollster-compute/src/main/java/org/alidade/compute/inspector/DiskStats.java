package org.alidade.compute.inspector;

import java.util.Objects;

/**
 * One disk's counters and sizes; {@code null} where the hypervisor supplies none, or where the call
 * that reads them failed while the disk's other calls answered ({@link #failures}). Read latencies
 * are ns, cumulative ({@code rd_total_times}, {@code wr_total_times}).
 *
 * @since 1.1 {@code failures}; 1.2 a value class with the record's constructors and accessors (was a
 *        record of {@code Long}s)
 */
public final class DiskStats extends Figures {

    private final DomainDescription.Disk disk;
    private final Failures failures;

    /**
     * @param failures the calls that failed for this disk, each the reason of its fields' nulls
     */
    public DiskStats(DomainDescription.Disk disk, Long readRequests, Long readBytes, Long writeRequests,
            Long writeBytes, Long readLatency, Long writeLatency, Long capacity, Long allocation, Long physical,
            Failures failures) {
        super(readRequests, readBytes, writeRequests, writeBytes, readLatency, writeLatency, capacity, allocation,
                physical);
        this.disk = disk;
        this.failures = Objects.requireNonNull(failures, "failures (Failures.NONE for none)");
    }

    /** A disk whose values are all read, or not supplied by the hypervisor: no failure. */
    public DiskStats(DomainDescription.Disk disk, Long readRequests, Long readBytes, Long writeRequests,
            Long writeBytes, Long readLatency, Long writeLatency, Long capacity, Long allocation, Long physical) {
        this(disk, readRequests, readBytes, writeRequests, writeBytes, readLatency, writeLatency, capacity,
                allocation, physical, Failures.NONE);
    }

    public DomainDescription.Disk disk() {
        return disk;
    }

    public Long readRequests() {
        return number(0);
    }

    public Long readBytes() {
        return number(1);
    }

    public Long writeRequests() {
        return number(2);
    }

    public Long writeBytes() {
        return number(3);
    }

    public Long readLatency() {
        return number(4);
    }

    public Long writeLatency() {
        return number(5);
    }

    public Long capacity() {
        return number(6);
    }

    public Long allocation() {
        return number(7);
    }

    public Long physical() {
        return number(8);
    }

    public Failures failures() {
        return failures;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiskStats d && Objects.equals(d.disk, disk) && d.failures.equals(failures) && sameFigures(d);
    }

    @Override
    public int hashCode() {
        return Objects.hash(disk, failures) * 31 + figuresHash();
    }

    @Override
    public String toString() {
        return "DiskStats[disk=" + disk + ", readRequests=" + readRequests() + ", readBytes=" + readBytes()
                + ", writeRequests=" + writeRequests() + ", writeBytes=" + writeBytes() + ", readLatency="
                + readLatency() + ", writeLatency=" + writeLatency() + ", capacity=" + capacity() + ", allocation="
                + allocation() + ", physical=" + physical() + ", failures=" + failures + "]";
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
