package org.alidade.pollster.central.openstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The central meters of reference §4.3 and the discoveries they default to, with upstream's
 * current (2026.1) choices where the reference records a change since Zed: GiB for volumes,
 * {@code is_protected}, {@code volume_type_id}, the backup's {@code user_id} and
 * {@code is_incremental}, −1 for a floating IP without a known status. The VPN connection's
 * pre-shared key ({@code psk}) is never copied: the discovery drops it.
 */
public final class CentralMeters {

    private CentralMeters() {
    }

    /** Neutron statuses as Ceilometer numbers them (lower-cased first). */
    static final Map<String, Integer> STATUS = Map.of("inactive", 0, "active", 1, "pending_create", 2, "down", 3,
            "created", 4, "pending_update", 5, "pending_delete", 6, "error", 7);

    static int statusCode(Object status) {
        if (!(status instanceof String s) || s.isEmpty()) {
            return -1;
        }
        return STATUS.getOrDefault(s.toLowerCase(Locale.ROOT), -1);
    }

    private static final Map<String, String> CINDER_3_43 = Map.of("OpenStack-API-Version", "volume 3.43");
    private static final Predicate<Map<String, Object>> ALL = e -> true;

    public static List<ListDiscovery.Spec> discoveries() {
        return List.of(
                new ListDiscovery.Spec("images", ServiceTypes::glance, "v2", "/v2/images", "images", Map.of(), ALL,
                        Set.of(), false),
                new ListDiscovery.Spec("volumes", ServiceTypes::cinder, null, "/volumes/detail?all_tenants=1",
                        "volumes", CINDER_3_43, ALL, Set.of(), false),
                new ListDiscovery.Spec("volume_snapshots", ServiceTypes::cinder, null,
                        "/snapshots/detail?all_tenants=1", "snapshots", CINDER_3_43, ALL, Set.of(), false),
                new ListDiscovery.Spec("volume_backups", ServiceTypes::cinder, null, "/backups/detail?all_tenants=1",
                        "backups", CINDER_3_43, ALL, Set.of(), false),
                neutron("fip_services", "/v2.0/floatingips", "floatingips", ALL),
                // upstream compares with lower-case 'error' while Neutron reports 'ERROR': in practice nothing is dropped
                neutron("fw_services", "/v2.0/fw/firewalls", "firewalls", e -> !"error".equals(e.get("status"))),
                neutron("fw_policy", "/v2.0/fw/firewall_policies", "firewall_policies", ALL),
                neutron("vpn_services", "/v2.0/vpn/vpnservices", "vpnservices", ALL),
                neutron("ipsec_connections", "/v2.0/vpn/ipsec-site-connections", "ipsec_site_connections", ALL));
    }

    private static ListDiscovery.Spec neutron(String name, String path, String key, Predicate<Map<String, Object>> keep) {
        return new ListDiscovery.Spec(name, ServiceTypes::neutron, "v2.0", path, key, Map.of(), keep, Set.of("psk"),
                true);
    }

    public static List<ApiPollster.Spec> pollsters() {
        return List.of(
                new ApiPollster.Spec("image.size", "B", "images", e -> e.get("size"), e -> e.get("owner"), e -> null,
                        CentralMeters::imageMetadata),
                new ApiPollster.Spec("volume.size", "GiB", "volumes", e -> e.get("size"),
                        e -> e.get("os-vol-tenant-attr:tenant_id"), e -> e.get("user_id"), CentralMeters::volumeMetadata),
                new ApiPollster.Spec("volume.snapshot.size", "GiB", "volume_snapshots", e -> e.get("size"),
                        e -> e.get("os-extended-snapshot-attributes:project_id"), e -> e.get("user_id"),
                        fields("name", "volume_id", "status", "description", "metadata",
                                "os-extended-snapshot-attributes:progress")),
                new ApiPollster.Spec("volume.backup.size", "GiB", "volume_backups", e -> e.get("size"),
                        e -> e.get("os-backup-project-attr:project_id"), e -> e.get("user_id"),
                        fields("name", "is_incremental", "object_count", "container", "volume_id", "status",
                                "description")),
                new ApiPollster.Spec("ip.floating", "ip", "fip_services", e -> statusCode(e.get("status")),
                        e -> e.get("tenant_id"), e -> e.get("user_id"),
                        fields("router_id", "status", "floating_network_id", "fixed_ip_address", "port_id",
                                "floating_ip_address")),
                new ApiPollster.Spec("network.services.vpn", "vpnservice", "vpn_services", CentralMeters::knownStatus,
                        e -> e.get("tenant_id"), e -> null,
                        fields("admin_state_up", "description", "name", "status", "subnet_id", "router_id")),
                new ApiPollster.Spec("network.services.vpn.connections", "ipsec_site_connection", "ipsec_connections",
                        e -> 1, e -> e.get("tenant_id"), e -> null,
                        fields("name", "description", "peer_address", "peer_id", "peer_cidrs", "initiator",
                                "ikepolicy_id", "dpd", "ipsecpolicy_id", "vpnservice_id", "mtu", "admin_state_up",
                                "status", "tenant_id")),
                new ApiPollster.Spec("network.services.firewall", "firewall", "fw_services", CentralMeters::knownStatus,
                        e -> e.get("tenant_id"), e -> null,
                        fields("admin_state_up", "description", "name", "status", "firewall_policy_id")),
                new ApiPollster.Spec("network.services.firewall.policy", "firewall_policy", "fw_policy", e -> 1,
                        e -> e.get("tenant_id"), e -> null,
                        fields("name", "description", "firewall_rules", "shared", "audited")));
    }

    /** VPN and firewall: an unknown status gives no sample (reference §4.3). */
    private static Object knownStatus(Map<String, Object> e) {
        int code = statusCode(e.get("status"));
        return code == -1 ? ApiPollster.SKIP : code;
    }

    private static Function<Map<String, Object>, Map<String, Object>> fields(String... names) {
        List<String> list = List.of(names);
        return e -> Values.pick(e, list);
    }

    private static Map<String, Object> imageMetadata(Map<String, Object> e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("status", "visibility", "name", "container_format", "created_at", "disk_format",
                "updated_at", "min_disk", "is_protected", "checksum", "min_ram", "tags", "virtual_size")) {
            // Glance's JSON says "protected"; upstream (openstacksdk) names it is_protected
            m.put(f, e.get(f.equals("is_protected") ? "protected" : f));
        }
        return m;
    }

    private static Map<String, Object> volumeMetadata(Map<String, Object> e) {
        Map<String, Object> m = Values.pick(e, List.of("name", "status", "volume_type", "volume_type_id",
                "availability_zone", "os-vol-host-attr:host", "migration_status", "attachments", "snapshot_id",
                "source_volid"));
        Map<String, Object> image = Values.map(e.get("volume_image_metadata"));
        m.put("image_id", image.isEmpty() ? null : image.get("image_id"));
        List<Object> attachments = Values.list(e.get("attachments"));
        m.put("instance_id", attachments.isEmpty() ? null : Values.map(attachments.get(0)).get("server_id"));
        return m;
    }
}
