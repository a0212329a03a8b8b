package org.alidade.compute.inspector;

import java.util.Objects;

/**
 * One network interface's counters ({@code virDomainInterfaceStats}); {@code null} where not supplied.
 *
 * @since 1.2 a value class with the record's constructor and accessors (was a record of {@code Long}s)
 */
public final class NicStats extends Figures {

    private final DomainDescription.Nic nic;

    public NicStats(DomainDescription.Nic nic, Long rxBytes, Long rxPackets, Long rxErrors, Long rxDrop,
            Long txBytes, Long txPackets, Long txErrors, Long txDrop) {
        super(rxBytes, rxPackets, rxErrors, rxDrop, txBytes, txPackets, txErrors, txDrop);
        this.nic = nic;
    }

    public DomainDescription.Nic nic() {
        return nic;
    }

    public Long rxBytes() {
        return number(0);
    }

    public Long rxPackets() {
        return number(1);
    }

    public Long rxErrors() {
        return number(2);
    }

    public Long rxDrop() {
        return number(3);
    }

    public Long txBytes() {
        return number(4);
    }

    public Long txPackets() {
        return number(5);
    }

    public Long txErrors() {
        return number(6);
    }

    public Long txDrop() {
        return number(7);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NicStats n && Objects.equals(n.nic, nic) && sameFigures(n);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(nic) + figuresHash();
    }

    @Override
    public String toString() {
        return "NicStats[nic=" + nic + ", rxBytes=" + rxBytes() + ", rxPackets=" + rxPackets() + ", rxErrors="
                + rxErrors() + ", rxDrop=" + rxDrop() + ", txBytes=" + txBytes() + ", txPackets=" + txPackets()
                + ", txErrors=" + txErrors() + ", txDrop=" + txDrop() + "]";
    }
}
