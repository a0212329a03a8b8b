package org.alidade.compute.inspector;

import java.util.Objects;

/**
 * A domain's CPU and memory figures; {@code null} where the hypervisor supplies none. Memory is
 * in MiB as a floating point number (KiB / 1024), as Ceilometer reports it: {@code cpuTime} is ns,
 * the sum of {@code vcpu.i.time + vcpu.i.wait}, else {@code cpu.time}; {@code cpuNumber} is
 * {@code vcpu.current}; {@code memoryUsage} is (available − usable), else (available − unused);
 * {@code memoryActual} is the balloon's current size.
 *
 * @since 1.2 a value class with the record's constructor and accessors (was a record of boxed numbers)
 */
public final class InstanceStats extends Figures {

    private final PowerState state;

    public InstanceStats(PowerState state, Long cpuTime, Integer cpuNumber, Double memoryUsage,
            Double memoryResident, Double memorySwapIn, Double memorySwapOut, Double memoryActual,
            Double memoryAvailable) {
        super(cpuTime, cpuNumber, memoryUsage, memoryResident, memorySwapIn, memorySwapOut, memoryActual,
                memoryAvailable);
        this.state = state;
    }

    public PowerState state() {
        return state;
    }

    public Long cpuTime() {
        return number(0);
    }

    public Integer cpuNumber() {
        return integer(1);
    }

    public Double memoryUsage() {
        return real(2);
    }

    public Double memoryResident() {
        return real(3);
    }

    public Double memorySwapIn() {
        return real(4);
    }

    public Double memorySwapOut() {
        return real(5);
    }

    public Double memoryActual() {
        return real(6);
    }

    public Double memoryAvailable() {
        return real(7);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceStats s && s.state == state && sameFigures(s);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(state) + figuresHash();
    }

    @Override
    public String toString() {
        return "InstanceStats[state=" + state + ", cpuTime=" + cpuTime() + ", cpuNumber=" + cpuNumber()
                + ", memoryUsage=" + memoryUsage() + ", memoryResident=" + memoryResident() + ", memorySwapIn="
                + memorySwapIn() + ", memorySwapOut=" + memorySwapOut() + ", memoryActual=" + memoryActual()
                + ", memoryAvailable=" + memoryAvailable() + "]";
    }
}
