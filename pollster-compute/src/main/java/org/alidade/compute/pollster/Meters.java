package org.alidade.compute.pollster;

import static org.alidade.api.SampleType.CUMULATIVE;
import static org.alidade.api.SampleType.DELTA;
import static org.alidade.api.SampleType.GAUGE;

import java.util.List;
import org.alidade.compute.inspector.DiskStats;

/**
 * The compute meters of reference §4.1 (upstream HEAD names and units: MiB, the 24.0.0+ meters),
 * as one table. Meters that libvirt never supplies (cpu_util, perf.*, rates, iops, the Hyper-V
 * latency) are not registered.
 */
final class Meters {

    private Meters() {
    }

    static final List<Meter> ALL = List.of(
            new Meter.OfInstance("cpu", CUMULATIVE, "ns", s -> s.cpuTime()),
            new Meter.OfInstance("vcpus", GAUGE, "vcpu", s -> s.cpuNumber()),
            new Meter.OfInstance("memory", GAUGE, "MiB", s -> s.memoryActual()),
            new Meter.OfInstance("memory.usage", GAUGE, "MiB", s -> s.memoryUsage()),
            new Meter.OfInstance("memory.available", GAUGE, "MiB", s -> s.memoryAvailable()),
            new Meter.OfInstance("memory.resident", GAUGE, "MiB", s -> s.memoryResident()),
            new Meter.OfInstance("memory.swap.in", CUMULATIVE, "MiB", s -> s.memorySwapIn()),
            new Meter.OfInstance("memory.swap.out", CUMULATIVE, "MiB", s -> s.memorySwapOut()),
            new Meter.OfInstance("power.state", GAUGE, "", s -> s.state().code()),
            new Meter.OfFlavor("disk.root.size", GAUGE, "GiB", f -> f.disk() - f.ephemeral()),
            new Meter.OfFlavor("disk.ephemeral.size", GAUGE, "GiB", f -> f.ephemeral()),
            new Meter.OfDisk("disk.device.read.requests", CUMULATIVE, "request", DiskStats::readRequests,
                    DiskStats.Failures::io),
            new Meter.OfDisk("disk.device.read.bytes", CUMULATIVE, "B", DiskStats::readBytes,
                    DiskStats.Failures::io),
            new Meter.OfDisk("disk.device.write.requests", CUMULATIVE, "request", DiskStats::writeRequests,
                    DiskStats.Failures::io),
            new Meter.OfDisk("disk.device.write.bytes", CUMULATIVE, "B", DiskStats::writeBytes,
                    DiskStats.Failures::io),
            new Meter.OfDisk("disk.device.read.latency", CUMULATIVE, "ns", DiskStats::readLatency,
                    DiskStats.Failures::latency),
            new Meter.OfDisk("disk.device.write.latency", CUMULATIVE, "ns", DiskStats::writeLatency,
                    DiskStats.Failures::latency),
            new Meter.OfDisk("disk.device.capacity", GAUGE, "B", Meters::capacity,
                    DiskStats.Failures::info),
            new Meter.OfDisk("disk.device.allocation", GAUGE, "B", DiskStats::allocation,
                    DiskStats.Failures::info),
            new Meter.OfDisk("disk.device.usage", GAUGE, "B", DiskStats::physical,
                    DiskStats.Failures::info),
            new Meter.OfNic("network.incoming.bytes", CUMULATIVE, "B", n -> n.rxBytes(), false),
            new Meter.OfNic("network.incoming.packets", CUMULATIVE, "packet", n -> n.rxPackets(), false),
            new Meter.OfNic("network.incoming.packets.error", CUMULATIVE, "packet", n -> n.rxErrors(), false),
            new Meter.OfNic("network.incoming.packets.drop", CUMULATIVE, "packet", n -> n.rxDrop(), false),
            new Meter.OfNic("network.outgoing.bytes", CUMULATIVE, "B", n -> n.txBytes(), false),
            new Meter.OfNic("network.outgoing.packets", CUMULATIVE, "packet", n -> n.txPackets(), false),
            new Meter.OfNic("network.outgoing.packets.error", CUMULATIVE, "packet", n -> n.txErrors(), false),
            new Meter.OfNic("network.outgoing.packets.drop", CUMULATIVE, "packet", n -> n.txDrop(), false),
            // 19.0.0 emitted network.outgoing.packets.delta for the second (a bug, fixed in 19.1.0): not copied
            new Meter.OfNic("network.incoming.bytes.delta", DELTA, "B", n -> n.rxBytes(), true),
            new Meter.OfNic("network.outgoing.bytes.delta", DELTA, "B", n -> n.txBytes(), true));

    /** max(capacity, physical), as Ceilometer's disk.device.capacity. */
    private static Long capacity(DiskStats d) {
        Long capacity = d.capacity(); // each read boxes: read once
        Long physical = d.physical();
        if (capacity == null) {
            return physical;
        }
        return physical == null ? capacity : Long.valueOf(Math.max(capacity, physical));
    }
}
