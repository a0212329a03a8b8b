package org.alidade.compute.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.NovaInstance;
import org.alidade.compute.inspector.PowerState;

/**
 * The resource metadata every compute sample of an instance carries (reference §4.1 "Compute
 * metadata common to all samples", Appendix B), in Ceilometer's key order, from the libvirt
 * metadata of the instance.
 */
public final class InstanceMetadata {

    private InstanceMetadata() {
    }

    public static Map<String, Object> of(DomainDescription d, PowerState state, String host) {
        NovaInstance n = d.nova();
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("id", n.flavorId());
        flavor.put("name", n.flavorName());
        flavor.put("vcpus", n.vcpus());
        flavor.put("ram", n.ram());
        flavor.put("disk", n.disk());
        flavor.put("ephemeral", n.ephemeral());
        flavor.put("swap", n.swap());
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("display_name", n.displayName());
        md.put("name", d.name());
        md.put("instance_id", d.uuid());
        md.put("instance_type", n.flavorName());
        md.put("host", hostId(n.projectId(), host));
        md.put("instance_host", host);
        md.put("flavor", flavor);
        md.put("status", state.status());
        md.put("state", state.vmState());
        md.put("task_state", "");
        if (n.imageId() != null) {
            Map<String, Object> image = new HashMap<>();
            image.put("id", n.imageId());
            md.put("image", image);
            md.put("image_ref", n.imageId());
        } else {
            md.put("image", null);
            md.put("image_ref", null);
        }
        md.put("image_ref_url", null);
        md.put("architecture", d.arch());
        md.put("os_type", d.osType());
        md.put("vcpus", n.vcpus());
        md.put("memory_mb", n.ram());
        md.put("disk_gb", n.disk());
        md.put("ephemeral_gb", n.ephemeral());
        md.put("root_gb", n.disk() - n.ephemeral());
        return md;
    }

    /** Nova's hostId: sha224 hex of project id + host; one string per project (every instance keeps it). */
    public static String hostId(String projectId, String host) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-224")
                    .digest((projectId + host).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(56);
            for (byte b : h) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString().intern();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-224", e);
        }
    }
}
