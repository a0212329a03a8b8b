package org.alidade.pollster.central.openstack;

import java.util.Map;
import org.alidade.discovery.testing.FakeOpenStack;

/** Realistic API bodies (shapes of the real APIs: several pages, mixed statuses, missing optional fields). */
public final class CloudFixtures {

    private CloudFixtures() {
    }

    public static void serve(FakeOpenStack f) {
        String u = f.url();
        // Glance v2: two pages, "next" relative to the endpoint; the second image is queued (size null, fields missing)
        f.json("/image/v2/images", "{\"images\":[{\"id\":\"img-1\",\"name\":\"cirros\",\"status\":\"active\","
                + "\"visibility\":\"public\",\"owner\":\"p-admin\",\"size\":16338944,\"virtual_size\":117440512,"
                + "\"container_format\":\"bare\",\"disk_format\":\"qcow2\",\"created_at\":\"2026-01-02T03:04:05Z\","
                + "\"updated_at\":\"2026-01-02T03:04:07Z\",\"min_disk\":0,\"min_ram\":0,\"protected\":false,"
                + "\"checksum\":\"1d3062cd89af34e419f7100277f38b2b\",\"tags\":[\"base\",\"tiny\"],\"os_hidden\":false}],"
                + "\"first\":\"/v2/images\",\"next\":\"/v2/images?marker=img-1\",\"schema\":\"/v2/schemas/images\"}");
        f.json("/image/v2/images?marker=img-1", "{\"images\":[{\"id\":\"img-2\",\"name\":\"pending\",\"status\":"
                + "\"queued\",\"visibility\":\"private\",\"owner\":\"p-acme\",\"size\":null,\"container_format\":null,"
                + "\"disk_format\":null,\"created_at\":\"2026-01-03T00:00:00Z\",\"updated_at\":\"2026-01-03T00:00:00Z\","
                + "\"min_disk\":0,\"min_ram\":0,\"protected\":true,\"tags\":[]}],\"first\":\"/v2/images\","
                + "\"schema\":\"/v2/schemas/images\"}");
        String vol = "/volume/v3/" + FakeOpenStack.PROJECT_ID;
        f.json(vol + "/volumes/detail?all_tenants=1", "{\"volumes\":[{\"id\":\"vol-1\",\"name\":\"data\","
                + "\"status\":\"in-use\",\"size\":10,\"user_id\":\"u-1\",\"os-vol-tenant-attr:tenant_id\":\"p-acme\","
                + "\"volume_type\":\"lvmdriver-1\",\"volume_type_id\":\"vt-1\",\"availability_zone\":\"nova\","
                + "\"os-vol-host-attr:host\":\"cinder@lvm#lvm\",\"migration_status\":null,\"attachments\":[{\"server_id\":"
                + "\"srv-1\",\"attachment_id\":\"a-1\",\"device\":\"/dev/vdb\"}],\"snapshot_id\":null,\"source_volid\":null,"
                + "\"volume_image_metadata\":{\"image_id\":\"img-1\",\"image_name\":\"cirros\"}}],"
                + "\"volumes_links\":[{\"href\":\"" + u + vol + "/volumes/detail?all_tenants=1&marker=vol-1\",\"rel\":\"next\"}]}");
        f.json(vol + "/volumes/detail?all_tenants=1&marker=vol-1", "{\"volumes\":[{\"id\":\"vol-2\",\"name\":\"\","
                + "\"status\":\"available\",\"size\":1,\"user_id\":\"u-2\",\"os-vol-tenant-attr:tenant_id\":\"p-admin\","
                + "\"volume_type\":\"lvmdriver-1\",\"availability_zone\":\"nova\",\"attachments\":[],\"snapshot_id\":null,"
                + "\"source_volid\":null}]}");
        f.json(vol + "/snapshots/detail?all_tenants=1", "{\"snapshots\":[{\"id\":\"snap-1\",\"name\":\"nightly\","
                + "\"volume_id\":\"vol-1\",\"status\":\"available\",\"size\":10,\"description\":null,\"metadata\":{\"k\":\"v\"},"
                + "\"user_id\":\"u-1\",\"os-extended-snapshot-attributes:project_id\":\"p-acme\","
                + "\"os-extended-snapshot-attributes:progress\":\"100%\",\"created_at\":\"2026-01-05T00:00:00.000000\"}]}");
        f.json(vol + "/backups/detail?all_tenants=1", "{\"backups\":[{\"id\":\"bk-1\",\"name\":\"weekly\","
                + "\"size\":10,\"object_count\":22,\"container\":\"volumebackups\",\"volume_id\":\"vol-1\","
                + "\"status\":\"available\",\"description\":\"\",\"is_incremental\":false,\"user_id\":\"u-1\","
                + "\"os-backup-project-attr:project_id\":\"p-acme\"}]}");
        f.json("/network/v2.0/floatingips", "{\"floatingips\":[" + fip("fip-1", "ACTIVE", "172.24.4.10")
                + "," + fip("fip-2", "DOWN", "172.24.4.11") + "],\"floatingips_links\":[{\"href\":\"" + u
                + "/network/v2.0/floatingips?marker=fip-2\",\"rel\":\"next\"}]}");
        f.json("/network/v2.0/floatingips?marker=fip-2", "{\"floatingips\":[" + fip("fip-3", null, "172.24.4.12")
                + "," + fip("fip-4", "WEIRD", "172.24.4.13") + "],\"floatingips_links\":[{\"href\":\"" + u
                + "/network/v2.0/floatingips?marker=fip-2&page_reverse=True\",\"rel\":\"previous\"}]}");
        f.json("/network/v2.0/vpn/vpnservices", "{\"vpnservices\":[{\"id\":\"vpn-1\",\"name\":\"hq\",\"status\":"
                + "\"PENDING_CREATE\",\"admin_state_up\":true,\"description\":\"\",\"subnet_id\":\"sn-1\",\"router_id\":"
                + "\"r-1\",\"tenant_id\":\"p-acme\",\"project_id\":\"p-acme\"},{\"id\":\"vpn-2\",\"name\":\"branch\","
                + "\"status\":\"SOMETHING_NEW\",\"admin_state_up\":true,\"tenant_id\":\"p-acme\"}]}");
        f.json("/network/v2.0/vpn/ipsec-site-connections", "{\"ipsec_site_connections\":[{\"id\":\"ipsec-1\","
                + "\"name\":\"to-branch\",\"description\":\"\",\"peer_address\":\"203.0.113.9\",\"peer_id\":\"203.0.113.9\","
                + "\"peer_cidrs\":[\"10.2.0.0/24\"],\"psk\":\"TOP-SECRET-PSK\",\"initiator\":\"bi-directional\","
                + "\"ikepolicy_id\":\"ike-1\",\"dpd\":{\"action\":\"hold\",\"interval\":30,\"timeout\":120},"
                + "\"ipsecpolicy_id\":\"ips-1\",\"vpnservice_id\":\"vpn-1\",\"mtu\":1500,\"admin_state_up\":true,"
                + "\"status\":\"ACTIVE\",\"tenant_id\":\"p-acme\",\"auth_mode\":\"psk\",\"route_mode\":\"static\"}]}");
        f.json("/network/v2.0/fw/firewalls", "{\"firewalls\":[{\"id\":\"fw-1\",\"name\":\"edge\",\"status\":\"ACTIVE\","
                + "\"admin_state_up\":true,\"description\":\"\",\"firewall_policy_id\":\"fwp-1\",\"tenant_id\":\"p-acme\"},"
                + "{\"id\":\"fw-2\",\"name\":\"old\",\"status\":\"ERROR\",\"admin_state_up\":false,\"firewall_policy_id\":"
                + "\"fwp-1\",\"tenant_id\":\"p-acme\"}]}");
        f.json("/network/v2.0/fw/firewall_policies", "{\"firewall_policies\":[{\"id\":\"fwp-1\",\"name\":\"default\","
                + "\"description\":\"\",\"firewall_rules\":[\"rule-1\",\"rule-2\"],\"shared\":false,\"audited\":true,"
                + "\"tenant_id\":\"p-acme\"}]}");
        // Swift: the service project has an account (containers on two pages); p-gone has none (404)
        String acct = "/swift/v1/AUTH_";
        f.route("HEAD", acct + FakeOpenStack.PROJECT_ID, 204, Map.of("X-Account-Object-Count", "7",
                "X-Account-Bytes-Used", "123456", "X-Account-Container-Count", "3"), "");
        f.route("HEAD", acct + "p-gone", 404, Map.of(), "");
        f.route("GET", acct + "p-gone?format=json", 404, Map.of(), "");
        f.json(acct + FakeOpenStack.PROJECT_ID + "?format=json", "[{\"name\":\"backups\",\"count\":4,\"bytes\":100000,"
                + "\"last_modified\":\"2026-01-01T00:00:00.000000\",\"storage_policy\":\"gold\"},{\"name\":\"logs\","
                + "\"count\":3,\"bytes\":23456,\"last_modified\":\"2026-01-01T00:00:00.000000\"}]");
        f.json(acct + FakeOpenStack.PROJECT_ID + "?format=json&marker=logs", "[{\"name\":\"media\",\"count\":0,"
                + "\"bytes\":0,\"storage_policy\":\"silver\"}]");
        f.route("GET", acct + FakeOpenStack.PROJECT_ID + "?format=json&marker=media", 204, Map.of(), "");
    }

    private static String fip(String id, String status, String address) {
        return "{\"id\":\"" + id + "\",\"status\":" + (status == null ? "null" : "\"" + status + "\"")
                + ",\"router_id\":\"r-1\",\"floating_network_id\":\"net-ext\",\"fixed_ip_address\":\"10.0.0.5\","
                + "\"port_id\":\"port-1\",\"floating_ip_address\":\"" + address + "\",\"tenant_id\":\"p-acme\","
                + "\"project_id\":\"p-acme\",\"description\":\"\"}";
    }
}
