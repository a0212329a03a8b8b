package org.alidade.compute.inspector;

/**
 * A domain's CPU and memory figures; {@code null} where the hypervisor supplies none. Memory is
 * in MiB as a floating point number (KiB / 1024), as Ceilometer reports it.
 *
 * @param cpuTime         ns: the sum of {@code vcpu.i.time + vcpu.i.wait}, else {@code cpu.time}
 * @param cpuNumber       {@code vcpu.current}
 * @param memoryUsage     (available − usable), else (available − unused)
 * @param memoryActual    the balloon's current size
 */
public record InstanceStats(PowerState state, Long cpuTime, Integer cpuNumber, Double memoryUsage,
        Double memoryResident, Double memorySwapIn, Double memorySwapOut, Double memoryActual,
        Double memoryAvailable) {
}
