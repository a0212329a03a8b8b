package org.alidade.compute.inspector;

/**
 * Nova's metadata of an instance (namespace {@code http://openstack.org/xmlns/libvirt/nova/1.1},
 * or 1.0), as Ceilometer's {@code libvirt_metadata} discovery reads it.
 *
 * @param displayName the {@code name} text
 * @param flavorName  {@code flavor@name}
 * @param flavorId    {@code flavor@id} when Nova wrote one (2025.2+), else the flavor name (no Nova API here)
 * @param imageId     {@code root[@type='image']@uuid}, or {@code null} (boot from volume)
 */
public record NovaInstance(String displayName, String flavorName, String flavorId, int vcpus, int ram, int disk,
        int ephemeral, int swap, String userId, String userName, String projectId, String projectName,
        String imageId) {
}
