package org.alidade.compute.inspector;

/** One network interface's counters ({@code virDomainInterfaceStats}); {@code null} where not supplied. */
public record NicStats(DomainDescription.Nic nic, Long rxBytes, Long rxPackets, Long rxErrors, Long rxDrop,
        Long txBytes, Long txPackets, Long txErrors, Long txDrop) {
}
