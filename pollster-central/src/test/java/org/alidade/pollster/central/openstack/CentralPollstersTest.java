package org.alidade.pollster.central.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.openstack.TestSessions;
import org.alidade.discovery.testing.FakeOpenStack;
import org.alidade.discovery.testing.MutableClock;
import org.alidade.pollster.central.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every central meter of reference §4.3 against a loopback OpenStack, through the real HTTP client. */
class CentralPollstersTest {

    private FakeOpenStack fake;
    private OpenStackApi api;
    private Map<String, ListDiscovery> discoveries;
    private Map<String, Pollster> pollsters;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        fake = FakeOpenStack.start(clock);
        CloudFixtures.serve(fake);
        KeystoneSession session = TestSessions.session(fake, clock);
        api = new OpenStackApi(session, ServiceTypes.DEFAULTS);
        discoveries = new LinkedHashMap<>();
        CentralMeters.discoveries().forEach(s -> discoveries.put(s.name(), new ListDiscovery(s, api)));
        pollsters = new LinkedHashMap<>();
        CentralMeters.pollsters().forEach(s -> pollsters.put(s.name(), new ApiPollster(s)));
        Arrays.stream(SwiftPollster.Meter.values()).forEach(m -> pollsters.put(m.meterName, new SwiftPollster(m, api)));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** One meter as the engine runs it: its default discovery, then the pollster. */
    private List<Sample> poll(String meter, PollContext context) throws Exception {
        Pollster p = pollsters.get(meter);
        String discovery = p.defaultDiscovery().orElseThrow();
        List<Resource> resources = discovery.equals("tenant")
                ? List.of(Resource.of(FakeOpenStack.PROJECT_ID), Resource.of("p-gone"))
                : discoveries.get(discovery).discover(context, null);
        List<Sample> out = new ArrayList<>();
        p.getSamples(context, resources, out::add);
        return out;
    }

    private List<Sample> poll(String meter) throws Exception {
        return poll(meter, new TestContext());
    }

    private static Map<String, Object> volumes(List<Sample> samples) {
        Map<String, Object> m = new LinkedHashMap<>();
        samples.forEach(s -> m.put(s.resourceId(), s.volume()));
        return m;
    }

    @Test
    void fourteenCentralMeters() {
        assertEquals(List.of("image.size", "volume.size", "volume.snapshot.size", "volume.backup.size", "ip.floating",
                "network.services.vpn", "network.services.vpn.connections", "network.services.firewall",
                "network.services.firewall.policy", "storage.objects", "storage.objects.size",
                "storage.objects.containers", "storage.containers.objects", "storage.containers.objects.size"),
                new ArrayList<>(pollsters.keySet()));
    }

    @Test
    void imageSizeFollowsGlancePages() throws Exception {
        List<Sample> s = poll("image.size");
        assertEquals(2, s.size());
        Sample cirros = s.get(0);
        assertEquals("image.size{img-1 16338944 B gauge}", cirros.toString());
        assertEquals("p-admin", cirros.projectId());
        assertEquals(null, cirros.userId());
        assertEquals(List.of("status", "visibility", "name", "container_format", "created_at", "disk_format",
                "updated_at", "min_disk", "is_protected", "checksum", "min_ram", "tags", "virtual_size"),
                new ArrayList<>(cirros.resourceMetadata().keySet()));
        assertEquals(false, cirros.resourceMetadata().get("is_protected"));
        assertEquals(List.of("base", "tiny"), cirros.resourceMetadata().get("tags"));
        assertEquals(117440512, cirros.resourceMetadata().get("virtual_size"));
        Sample queued = s.get(1);
        assertEquals(null, queued.volume(), "a queued image has no size yet: a null volume, as upstream");
        assertEquals(null, queued.resourceMetadata().get("checksum"), "missing field is null");
        assertEquals(true, queued.resourceMetadata().get("is_protected"));
    }

    @Test
    void volumeMetersUseCinderMicroversionAndAllTenants() throws Exception {
        List<Sample> v = poll("volume.size");
        assertEquals(Map.of("vol-1", 10, "vol-2", 1), volumes(v));
        Sample data = v.get(0);
        assertEquals("GiB", data.unit());
        assertEquals("p-acme", data.projectId());
        assertEquals("u-1", data.userId());
        assertEquals("img-1", data.resourceMetadata().get("image_id"));
        assertEquals("srv-1", data.resourceMetadata().get("instance_id"));
        assertEquals("vt-1", data.resourceMetadata().get("volume_type_id"));
        assertEquals("cinder@lvm#lvm", data.resourceMetadata().get("os-vol-host-attr:host"));
        assertEquals(null, v.get(1).resourceMetadata().get("image_id"));
        assertEquals(null, v.get(1).resourceMetadata().get("instance_id"));
        assertEquals(null, v.get(1).resourceMetadata().get("volume_type_id"), "absent in an older cinder: null");
        assertTrue(fake.requests("/volume").stream().allMatch(r -> "volume 3.43".equals(r.headers().get("openstack-api-version"))));

        Sample snap = poll("volume.snapshot.size").get(0);
        assertEquals("volume.snapshot.size{snap-1 10 GiB gauge}", snap.toString());
        assertEquals("p-acme", snap.projectId());
        assertEquals(Map.of("k", "v"), snap.resourceMetadata().get("metadata"));
        assertEquals("100%", snap.resourceMetadata().get("os-extended-snapshot-attributes:progress"));
        assertFalse(snap.resourceMetadata().containsKey("image_id"), "Zed's null image_id is gone upstream");

        Sample backup = poll("volume.backup.size").get(0);
        assertEquals("volume.backup.size{bk-1 10 GiB gauge}", backup.toString());
        assertEquals("u-1", backup.userId());
        assertEquals(22, backup.resourceMetadata().get("object_count"));
        assertEquals(false, backup.resourceMetadata().get("is_incremental"));
    }

    @Test
    void floatingIpStatusCodesAcrossPages() throws Exception {
        List<Sample> s = poll("ip.floating");
        assertEquals(Map.of("fip-1", 1, "fip-2", 3, "fip-3", -1, "fip-4", -1), volumes(s));
        assertEquals("ip", s.get(0).unit());
        assertEquals("p-acme", s.get(0).projectId());
        assertEquals(List.of("router_id", "status", "floating_network_id", "fixed_ip_address", "port_id",
                "floating_ip_address"), new ArrayList<>(s.get(0).resourceMetadata().keySet()));
    }

    @Test
    void vpnAndFirewallSkipUnknownStatusesAndNeverCopyThePsk() throws Exception {
        List<Sample> vpn = poll("network.services.vpn");
        assertEquals(Map.of("vpn-1", 2), volumes(vpn), "SOMETHING_NEW is not a known status: no sample");
        assertEquals("vpnservice", vpn.get(0).unit());
        assertEquals(null, vpn.get(1 - 1).userId());

        List<Sample> conns = poll("network.services.vpn.connections");
        assertEquals(Map.of("ipsec-1", 1), volumes(conns));
        Map<String, Object> md = conns.get(0).resourceMetadata();
        assertFalse(md.containsKey("psk"));
        assertFalse(md.toString().contains("TOP-SECRET-PSK"));
        assertEquals(List.of("10.2.0.0/24"), md.get("peer_cidrs"));
        assertEquals(30, ((Map<?, ?>) md.get("dpd")).get("interval"));
        Resource discovered = discoveries.get("ipsec_connections").discover(new TestContext(), null).get(0);
        assertFalse(discovered.metadata().containsKey("psk"), "not even kept in the discovered resource");

        assertEquals(Map.of("fw-1", 1, "fw-2", 7), volumes(poll("network.services.firewall")));
        Sample policy = poll("network.services.firewall.policy").get(0);
        assertEquals("network.services.firewall.policy{fwp-1 1 firewall_policy gauge}", policy.toString());
        assertEquals(List.of("rule-1", "rule-2"), policy.resourceMetadata().get("firewall_rules"));
    }

    @Test
    void swiftMetersShareOneRequestPerProjectAndSkipMissingAccounts() throws Exception {
        PollContext cycle = new TestContext();
        List<Sample> objects = poll("storage.objects", cycle);
        assertEquals(Map.of(FakeOpenStack.PROJECT_ID, 7L), volumes(objects));
        assertEquals(Map.of(FakeOpenStack.PROJECT_ID, 123456L), volumes(poll("storage.objects.size", cycle)));
        assertEquals(Map.of(FakeOpenStack.PROJECT_ID, 3L), volumes(poll("storage.objects.containers", cycle)));
        assertEquals(FakeOpenStack.PROJECT_ID, objects.get(0).projectId());
        assertEquals(Map.of(), objects.get(0).resourceMetadata());
        long heads = fake.requests().stream().filter(r -> r.method().equals("HEAD")).count();
        assertEquals(2, heads, "one HEAD per project for the three meters");

        List<Sample> containers = poll("storage.containers.objects", cycle);
        String p = FakeOpenStack.PROJECT_ID;
        assertEquals(Map.of(p + "/backups", 4, p + "/logs", 3, p + "/media", 0), volumes(containers));
        assertEquals("gold", containers.get(0).resourceMetadata().get("storage_policy"));
        assertEquals(null, containers.get(1).resourceMetadata().get("storage_policy"));
        assertEquals(Map.of(p + "/backups", 100000, p + "/logs", 23456, p + "/media", 0),
                volumes(poll("storage.containers.objects.size", cycle)));
        assertEquals(3, fake.requests("/swift/v1/AUTH_" + p + "?format=json").size(), "three pages, listed once");
    }

    @Test
    void tokenExpiryMidRunIsHandled() throws Exception {
        poll("image.size");
        fake.revokeTokens();
        assertEquals(2, poll("volume.size").size());
        assertEquals(2, fake.tokensIssued());
    }

    @Test
    void aBrokenServiceFailsOnlyItsOwnMeters() throws Exception {
        fake.breakPrefix("/network", 500, "{\"NeutronError\":{\"type\":\"HTTPInternalServerError\"}}");
        fake.json("/image/v2/images", "{\"images\": [ {\"id\": \"img-1\", ");
        Exception neutron = assertThrows(Exception.class, () -> poll("ip.floating"));
        assertTrue(neutron.getMessage().contains("/network/v2.0/floatingips answered HTTP 500"), neutron.getMessage());
        Exception glance = assertThrows(Exception.class, () -> poll("image.size"));
        assertTrue(glance.getMessage().contains("/image/v2/images answered a body that is not JSON"), glance.getMessage());
        assertEquals(2, poll("volume.size").size());
        assertEquals(1, poll("storage.objects").size());
    }

    @Test
    void missingNeutronExtensionFindsNothingWithAWarning() throws Exception {
        fake.breakPrefix("/network/v2.0/fw", 404, "{\"NeutronError\":{\"message\":\"The resource could not be found.\"}}");
        assertEquals(List.of(), poll("network.services.firewall"));
    }

    @Test
    void catalogWithoutTheServiceSaysSo() {
        fake.removeService("network");
        Exception e = assertThrows(Exception.class, () -> poll("ip.floating"));
        assertEquals("the service catalog has no service of type 'network' (types in the catalog: identity, image, "
                + "volumev3, object-store, compute)", e.getMessage());
    }

    @Test
    void serviceTypesAreConfigurable() throws Exception {
        api.types(new ServiceTypes("image", "block-storage", "network", "object-store", "AUTH_"));
        Exception e = assertThrows(Exception.class, () -> poll("volume.size"));
        assertTrue(e.getMessage().contains("no service of type 'block-storage'"), e.getMessage());
    }

    @Test
    void statusCodes() {
        assertEquals("0,1,2,3,4,5,6,7,-1,-1", List.of("inactive", "ACTIVE", "Pending_Create", "DOWN", "created",
                "PENDING_UPDATE", "pending_delete", "ERROR", "", "build").stream()
                .map(s -> String.valueOf(CentralMeters.statusCode(s))).collect(Collectors.joining(",")));
        assertEquals(-1, CentralMeters.statusCode(null));
    }
}
