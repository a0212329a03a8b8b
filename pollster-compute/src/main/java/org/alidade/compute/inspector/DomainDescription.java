package org.alidade.compute.inspector;

import java.util.List;
import java.util.Map;

/**
 * What the domain XML says, parsed once per definition.
 *
 * @param uuid   the domain UUID: the instance id
 * @param name   the libvirt domain name, e.g. {@code instance-0000002a}
 * @param arch   {@code os/type@arch}, or {@code null}
 * @param osType the text of {@code os/type}, e.g. {@code hvm}, or {@code null}
 * @param nova   Nova's metadata, or {@code null} when the domain is not a Nova instance
 * @param disks  the {@code devices/disk} entries that have a source
 * @param nics   the {@code devices/interface} entries with a target device and a MAC address
 */
public record DomainDescription(String uuid, String name, String arch, String osType, NovaInstance nova,
        List<Disk> disks, List<Nic> nics) {

    public DomainDescription {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
    }

    /** A disk: {@code target@dev} and its source (file, device, volume or network name). */
    public record Disk(String device, String source) {
    }

    /**
     * A network interface.
     *
     * @param name       the tap device ({@code target@dev})
     * @param mac        {@code mac@address}
     * @param fref       {@code filterref@filter}, or {@code null}
     * @param parameters the filterref parameter names in lower case with their values, then
     *                   {@code interfaceid} and {@code bridge} (values may be {@code null})
     */
    public record Nic(String name, String mac, String fref, Map<String, String> parameters) {
    }
}
