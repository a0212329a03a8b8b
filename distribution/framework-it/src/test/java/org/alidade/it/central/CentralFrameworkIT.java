package org.alidade.it.central;

import static org.alidade.it.felix.Eventually.eventually;
import static org.alidade.it.felix.Eventually.eventuallyEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.api.Pollster;
import org.alidade.discovery.testing.FakeOpenStack;
import org.alidade.it.felix.RecordingSink.Received;
import org.alidade.it.felix.RunningAgent;
import org.alidade.pollster.central.dynamic.DynamicPollstersTest;
import org.alidade.pollster.central.openstack.CloudFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

/**
 * The central family in a real Felix: the discovery bundle (Keystone v3 session, {@code endpoint}
 * and {@code tenant}), the central bundle (per-service discoveries, the 14 pollsters of reference
 * §4.3, the dynamic pollsters) and the engine, against discovery's loopback OpenStack
 * ({@code FakeOpenStack}, real HTTP) serving pollster-central's {@code CloudFixtures} bodies.
 *
 * <p>Every scenario gets a source of its own with an interval of its own (3600 s and up): a new
 * interval runs its first cycle as soon as it enters the plan and the next only an hour later, so
 * each source's samples are exactly one cycle's. The expected samples are those of the fixtures.
 */
class CentralFrameworkIT {

    private static final String OPENSTACK_PID = "org.alidade.openstack";
    private static final String DYNAMIC_PID = "org.alidade.central.dynamic";
    private static final String HOST = "central-fwit.example";
    private static final String P = FakeOpenStack.PROJECT_ID;

    /** The central meters of reference §4.3 that issue 7 asks for. */
    private static final List<String> METERS = List.of("image.size", "volume.size", "volume.snapshot.size",
            "volume.backup.size", "ip.floating", "network.services.vpn", "network.services.vpn.connections",
            "network.services.firewall", "network.services.firewall.policy", "storage.objects",
            "storage.objects.size", "storage.objects.containers", "storage.containers.objects",
            "storage.containers.objects.size");
    private static final List<String> SORTED_METERS = METERS.stream().sorted().toList();
    /** What a source selects: the 14 meters and every dynamic pollster; no resources (default discoveries). */
    private static final String[] SELECTION = Stream.concat(METERS.stream(), Stream.of("dynamic.*"))
            .toArray(String[]::new);
    private static final List<String> DISCOVERIES = List.of("endpoint", "tenant", "images", "volumes",
            "volume_snapshots", "volume_backups", "fip_services", "fw_services", "fw_policy", "vpn_services",
            "ipsec_connections");
    /** The meters whose discovery calls Neutron (network) or Glance (image). */
    private static final List<String> NEUTRON_METERS = List.of("ip.floating", "network.services.vpn",
            "network.services.vpn.connections", "network.services.firewall", "network.services.firewall.policy");

    /** One expected sample: volume (as text: the types are checked by pollster-central's tests), unit, owner. */
    private record Expected(String volume, String unit, String projectId, String userId) {
    }

    /** (meter, resource id) → what the fixtures give, reference §4.3. */
    private static final SortedMap<String, Expected> EXPECTED = new TreeMap<>();

    static {
        expect("image.size", "img-1", 16338944, "B", "p-admin", null);
        expect("image.size", "img-2", null, "B", "p-acme", null); // queued: no size yet
        expect("volume.size", "vol-1", 10, "GiB", "p-acme", "u-1");
        expect("volume.size", "vol-2", 1, "GiB", "p-admin", "u-2");
        expect("volume.snapshot.size", "snap-1", 10, "GiB", "p-acme", "u-1");
        expect("volume.backup.size", "bk-1", 10, "GiB", "p-acme", "u-1");
        expect("ip.floating", "fip-1", 1, "ip", "p-acme", null);
        expect("ip.floating", "fip-2", 3, "ip", "p-acme", null);
        expect("ip.floating", "fip-3", -1, "ip", "p-acme", null);
        expect("ip.floating", "fip-4", -1, "ip", "p-acme", null);
        expect("network.services.vpn", "vpn-1", 2, "vpnservice", "p-acme", null); // vpn-2: unknown status
        expect("network.services.vpn.connections", "ipsec-1", 1, "ipsec_site_connection", "p-acme", null);
        expect("network.services.firewall", "fw-1", 1, "firewall", "p-acme", null);
        expect("network.services.firewall", "fw-2", 7, "firewall", "p-acme", null);
        expect("network.services.firewall.policy", "fwp-1", 1, "firewall_policy", "p-acme", null);
        // Swift: only the service project has an account (p-admin, p-old, p-acme: 404, skipped)
        expect("storage.objects", P, 7, "object", P, null);
        expect("storage.objects.size", P, 123456, "B", P, null);
        expect("storage.objects.containers", P, 3, "container", P, null);
        expect("storage.containers.objects", P + "/backups", 4, "object", P, null);
        expect("storage.containers.objects", P + "/logs", 3, "object", P, null);
        expect("storage.containers.objects", P + "/media", 0, "object", P, null);
        expect("storage.containers.objects.size", P + "/backups", 100000, "B", P, null);
        expect("storage.containers.objects.size", P + "/logs", 23456, "B", P, null);
        expect("storage.containers.objects.size", P + "/media", 0, "B", P, null);
    }

    private static void expect(String meter, String resource, Object volume, String unit, String project, String user) {
        EXPECTED.put(meter + " " + resource, new Expected(String.valueOf(volume), unit, project, user));
    }

    @TempDir
    Path definitions;

    private FakeOpenStack fake;
    private RunningAgent agent;

    @BeforeEach
    void startCloud() throws IOException {
        fake = FakeOpenStack.start();
        CloudFixtures.serve(fake);
        fake.keystoneProjects(); // the tenant discovery of the Swift meters
        servers(fake);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            fake.close();
        }
    }

    // --- the tests ---------------------------------------------------------------------------

    @Test
    void everyMeterTokenExpiryMidRunAndABrokenServiceThatFailsOnlyItsOwnMeters(TestInfo test) throws Exception {
        start(test);
        Map<String, Long> centralServiceIds = centralPollsterServiceIds();

        // one cycle of the 14 meters: every expected sample, nothing else
        agent.source("central", source("central", 3600));
        eventuallyEquals("the plan", plan(3600, "central", SORTED_METERS), agent::plan);
        List<Received> first = cycle(3600, "central");
        assertSamples(EXPECTED, first);
        assertCentralDetails(first);
        assertEquals(0, agent.interval(3600).orElseThrow().errors(), agent.interval(3600).toString());
        assertEquals(1, fake.tokensIssued(), "one token shared by the discoveries and the pollsters");
        assertEquals(List.of(), errorLines(agent.log()), "errors in the agent's log");

        // token expiry mid-run: Keystone forgets the token; the next cycle renews it and loses nothing
        fake.clearRequests();
        fake.revokeTokens();
        agent.source("after-revoke", source("after-revoke", 3601));
        List<Received> afterRevoke = cycle(3601, "after-revoke");
        assertSamples(EXPECTED, afterRevoke);
        assertEquals(0, agent.interval(3601).orElseThrow().errors(), agent.interval(3601).toString());
        assertEquals(2, fake.tokensIssued(), "the rejected token renewed once, not per request");
        List<FakeOpenStack.Seen> seen = fake.requests();
        assertTrue(seen.stream().anyMatch(s -> "gAAAAAtoken-1".equals(s.token())),
                "a service was called with the revoked token (and answered 401): " + seen);
        assertTrue(seen.stream().anyMatch(s -> "gAAAAAtoken-2".equals(s.token())), "the renewed token was used");

        // Neutron answers 500, Glance garbage JSON: only their pollsters lose their samples
        fake.breakPrefix("/network", 500, "{\"NeutronError\":{\"type\":\"HTTPInternalServerError\"}}");
        fake.json("/image/v2/images", "{\"images\": [ {\"id\": \"img-1\", ");
        int logBefore = agent.log().length();
        agent.source("broken", source("broken", 3602));
        List<Received> broken = cycle(3602, "broken");
        SortedMap<String, Expected> unaffected = new TreeMap<>(EXPECTED);
        unaffected.keySet().removeIf(k -> k.startsWith("image.size ") || NEUTRON_METERS.contains(k.split(" ")[0]));
        assertSamples(unaffected, broken);
        IntervalStatus brokenStatus = agent.interval(3602).orElseThrow();
        assertEquals(6, brokenStatus.errors(), "one failed discovery each: images and the five Neutron ones: "
                + brokenStatus);
        List<String> errors = errorLines(agent.log().substring(logBefore));
        assertEquals(6, errors.size(), "one ERROR line per failed discovery: " + errors);
        for (String d : List.of("images", "fip_services", "fw_services", "fw_policy", "vpn_services",
                "ipsec_connections")) {
            assertEquals(1, errors.stream().filter(l -> l.contains("discovery " + d + " failed")).count(),
                    d + " in " + errors);
        }
        assertTrue(errors.stream().filter(l -> l.contains("discovery images failed"))
                .allMatch(l -> l.contains("not JSON")), "Glance's garbage is named: " + errors);
        assertTrue(errors.stream().filter(l -> !l.contains("discovery images failed"))
                .allMatch(l -> l.contains("HTTP 500")), "Neutron's 500 is named: " + errors);

        // repaired: everything again, nothing was blacklisted, the central services never re-registered
        fake.repair();
        CloudFixtures.serve(fake);
        agent.source("repaired", source("repaired", 3603));
        assertSamples(EXPECTED, cycle(3603, "repaired"));
        assertEquals(0, agent.interval(3603).orElseThrow().errors(), agent.interval(3603).toString());
        assertEquals(Map.of(), agent.agent().blacklist(), "nothing blacklisted");
        assertEquals(centralServiceIds, centralPollsterServiceIds(), "the central pollsters stayed registered");

        String log = agent.log();
        assertFalse(log.contains(FakeOpenStack.PASSWORD), "the password is never logged");
        assertFalse(log.contains("TOP-SECRET-PSK"), "nor the VPN pre-shared key");
    }

    @Test
    void aDefinitionFileAddedEditedAndRemovedLiveRePlansWithoutRestart(TestInfo test) throws Exception {
        start(test);
        Map<String, Long> centralServiceIds = centralPollsterServiceIds();
        long bundleStarted = agent.bundle("org.alidade.pollster.central").getLastModified();
        agent.source("central", source("central", 3600));
        // a source of dynamic pollsters only: no pollster, no interval, until a definition comes
        agent.source("dynamic", Map.of("name", "dynamic", "interval", 3604, "meters", "dynamic.*"));
        eventuallyEquals("the plan without dynamic pollsters", plan(3600, "central", SORTED_METERS), agent::plan);
        cycle(3600, "central");

        // added: the §6.5 servers example joins both sources; its new interval polls at once
        Path file = definitions.resolve("servers.yaml");
        write(file, DynamicPollstersTest.SERVERS);
        List<String> withStatus = withDynamic("dynamic.server.status");
        SortedMap<Integer, SortedMap<String, List<String>>> added = plan(3600, "central", withStatus);
        added.putAll(plan(3604, "dynamic", List.of("dynamic.server.status")));
        eventuallyEquals("the plan with dynamic.server.status", added, agent::plan);
        SortedMap<String, Expected> servers = new TreeMap<>();
        servers.put("dynamic.server.status s1", new Expected("1", "server", "p-acme", "u-1"));
        servers.put("dynamic.server.status s2", new Expected("0", "server", "p-acme", "u-1")); // s3 ERROR: skipped
        List<Received> dynamic = cycle(3604, "dynamic");
        assertSamples(servers, dynamic);
        Received s1 = dynamic.stream().filter(r -> r.resourceId().equals("s1")).findFirst().orElseThrow();
        assertEquals("gauge", s1.message().get("counter_type"));
        assertInstanceOf(String.class, s1.volume(), "a YAML string mapping gives a string volume, as upstream");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tags | ','.join(value)", "a,b");
        metadata.put("image | value or {'id': ''} | value['id']", "");
        metadata.put("display_name", "vm1");
        metadata.put("vcpus", 2);
        assertEquals(metadata, s1.metadata(), "metadata of " + s1);
        assertEquals("compute 2.65", fake.requests("/compute/v2.1/servers/detail").get(0).headers()
                .get("openstack-api-version"), "the definition's header is sent");

        // edited: a new value mapping and a second definition; a new source sees the new definitions
        write(file, DynamicPollstersTest.SERVERS.replace("ACTIVE: \"1\"", "ACTIVE: 100")
                + DynamicPollstersTest.SERVERS.replace("dynamic.server.status", "dynamic.server.up")
                        .replace("sample_type: gauge", "sample_type: cumulative"));
        List<String> both = List.of("dynamic.server.status", "dynamic.server.up");
        SortedMap<Integer, SortedMap<String, List<String>>> edited = plan(3600, "central", withDynamic(both));
        edited.putAll(plan(3604, "dynamic", both));
        eventuallyEquals("the plan with both definitions", edited, agent::plan);
        agent.source("edited", Map.of("name", "edited", "interval", 3605, "meters", "dynamic.*"));
        SortedMap<String, Expected> editedServers = new TreeMap<>();
        editedServers.put("dynamic.server.status s1", new Expected("100", "server", "p-acme", "u-1"));
        editedServers.put("dynamic.server.status s2", new Expected("0", "server", "p-acme", "u-1"));
        editedServers.put("dynamic.server.up s1", new Expected("1", "server", "p-acme", "u-1"));
        editedServers.put("dynamic.server.up s2", new Expected("0", "server", "p-acme", "u-1"));
        List<Received> afterEdit = cycle(3605, "edited");
        assertSamples(editedServers, afterEdit);
        assertTrue(afterEdit.stream().filter(r -> r.meter().equals("dynamic.server.up"))
                .allMatch(r -> "cumulative".equals(r.message().get("counter_type"))), afterEdit.toString());

        // removed: both leave the plan; the dynamic-only intervals with them
        Files.delete(file);
        eventuallyEquals("the plan without dynamic pollsters again", plan(3600, "central", SORTED_METERS),
                agent::plan);
        eventuallyEquals("the intervals", List.of(3600), () -> agent.intervals().stream()
                .map(IntervalStatus::interval).toList());
        assertEquals(List.of(), agent.pollsterNames("central").stream().filter(n -> n.startsWith("dynamic."))
                .toList(), "no dynamic pollster service left");

        // no restart: the same bundle, the same central pollster services, the first interval untouched
        assertEquals(bundleStarted, agent.bundle("org.alidade.pollster.central").getLastModified());
        assertEquals(centralServiceIds, centralPollsterServiceIds(), "the central pollsters stayed registered");
        assertEquals(1, agent.interval(3600).orElseThrow().cycles(), agent.interval(3600).toString());
        assertEquals(0, agent.interval(3600).orElseThrow().errors(), agent.interval(3600).toString());
        assertEquals(List.of(), errorLines(agent.log()), "errors in the agent's log");
    }

    // --- the framework ----------------------------------------------------------------------

    private void start(TestInfo test) throws Exception {
        agent = RunningAgent.with(test.getTestMethod().orElseThrow().getName())
                .configure(RunningAgent.ENGINE_PID, Map.of("host", HOST, "namespaces", new String[] {"central"}))
                .configure(OPENSTACK_PID, Map.of("auth_url", fake.authUrl(), "username", FakeOpenStack.USER,
                        "password", FakeOpenStack.PASSWORD, "project_name", FakeOpenStack.PROJECT,
                        "region_name", FakeOpenStack.REGION))
                .configure(DYNAMIC_PID, Map.of("pollsters_definitions_dirs", new String[] {definitions.toString()},
                        "scan_interval", 0.2))
                .bundles("discovery", "pollster-central")
                .start();
        // every pollster and discovery registered before a source comes, so that its one cycle has them all
        eventuallyEquals("the central pollster services", SORTED_METERS, () -> agent.pollsterNames("central"));
        eventually("the discoveries " + DISCOVERIES, agent::discoveryNames, names -> names.containsAll(DISCOVERIES));
    }

    private static Map<String, Object> source(String name, int interval) {
        return Map.of("name", name, "interval", interval, "meters", SELECTION);
    }

    private static SortedMap<Integer, SortedMap<String, List<String>>> plan(int interval, String source,
            List<String> pollsters) {
        return new TreeMap<>(Map.of(interval, new TreeMap<>(Map.of(source, pollsters))));
    }

    private static List<String> withDynamic(String... names) {
        return withDynamic(List.of(names));
    }

    private static List<String> withDynamic(List<String> names) {
        return Stream.concat(METERS.stream(), names.stream()).sorted().toList();
    }

    /** The one cycle of a source's own interval: waits for it to finish and for its samples at the test's sink. */
    private List<Received> cycle(int interval, String source) {
        IntervalStatus done = eventually("the first cycle of interval " + interval + " finished",
                () -> agent.interval(interval).orElseThrow(), s -> s.cycles() == 1);
        return eventually("the " + done.lastSamples() + " samples of source " + source + " at the test's sink",
                () -> agent.sink().matching(r -> r.source().equals(source)), l -> l.size() >= done.lastSamples());
    }

    /** Exactly the expected (meter, resource id) pairs, once each, with their volume, unit, owner; signed. */
    private static void assertSamples(SortedMap<String, Expected> expected, List<Received> samples) {
        SortedMap<String, Expected> actual = new TreeMap<>();
        for (Received r : samples) {
            Expected was = actual.put(r.meter() + " " + r.resourceId(), new Expected(String.valueOf(r.volume()),
                    (String) r.message().get("counter_unit"), (String) r.message().get("project_id"),
                    (String) r.message().get("user_id")));
            assertEquals(null, was, "one sample per meter and resource: " + r);
            assertEquals(r.meter(), r.pollster(), "the batch names its pollster");
            assertEquals("openstack", r.message().get("source"), r.toString());
            assertTrue(r.signature().matches("[0-9a-f]{64}"), r + " is signed: " + r.signature());
        }
        assertEquals(expected, actual, "(meter resource id) → volume, unit, project, user");
    }

    /** What the reference lists beyond the volumes, spot-checked in the framework (pollster-central's tests have every field). */
    private void assertCentralDetails(List<Received> samples) throws Exception {
        Map<String, Received> byKey = samples.stream()
                .collect(Collectors.toMap(r -> r.meter() + " " + r.resourceId(), r -> r));
        for (Received r : samples) {
            assertEquals("gauge", r.message().get("counter_type"), r.toString());
            assertTrue(agent.signedWithSecret(r.message()), "signed with the configured secret: " + r);
            if (r.volume() != null) {
                assertInstanceOf(Number.class, r.volume(), r.toString());
            }
        }
        Map<String, Object> cirros = byKey.get("image.size img-1").metadata();
        assertEquals(List.of("status", "visibility", "name", "container_format", "created_at", "disk_format",
                "updated_at", "min_disk", "is_protected", "checksum", "min_ram", "tags", "virtual_size"),
                new ArrayList<>(cirros.keySet()), "image metadata keys");
        assertEquals(List.of("base", "tiny"), cirros.get("tags"));
        Map<String, Object> data = byKey.get("volume.size vol-1").metadata();
        assertEquals("img-1", data.get("image_id"));
        assertEquals("srv-1", data.get("instance_id"));
        Map<String, Object> ipsec = byKey.get("network.services.vpn.connections ipsec-1").metadata();
        assertFalse(ipsec.containsKey("psk"), "the pre-shared key is never copied: " + ipsec);
        assertEquals(List.of("10.2.0.0/24"), ipsec.get("peer_cidrs"));
        assertEquals(List.of("rule-1", "rule-2"),
                byKey.get("network.services.firewall.policy fwp-1").metadata().get("firewall_rules"));
        assertEquals("gold", byKey.get("storage.containers.objects " + P + "/backups").metadata().get("storage_policy"));
        assertTrue(samples.stream().noneMatch(r -> r.message().toString().contains("TOP-SECRET-PSK")),
                "no sample carries the pre-shared key");
        // one Keystone token, one Swift HEAD per project for the three account meters, three container pages once
        assertEquals(4, fake.requests().stream().filter(s -> s.method().equals("HEAD")).count(),
                "one HEAD per project (service, admin, old, acme) for the three account meters");
        assertEquals(3, fake.requests("/swift/v1/AUTH_" + P + "?format=json").size(), "three pages, listed once");
    }

    /** The service ids of the 14 central pollsters: unchanged ids mean nothing was re-registered. */
    private Map<String, Long> centralPollsterServiceIds() throws Exception {
        Map<String, Long> ids = new TreeMap<>();
        for (ServiceReference<Pollster> ref : agent.context().getServiceReferences(Pollster.class,
                "(" + Pollster.NAMESPACE + "=central)")) {
            String name = String.valueOf(ref.getProperty(Pollster.NAME));
            if (METERS.contains(name)) {
                ids.put(name, (Long) ref.getProperty("service.id"));
            }
        }
        assertEquals(SORTED_METERS, List.copyOf(ids.keySet()));
        return ids;
    }

    private static List<String> errorLines(String log) {
        return log.lines().filter(l -> l.contains(" ERROR ")).toList();
    }

    /** Writes a definition file whole (a temporary name the loader ignores, then an atomic rename). */
    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Nova's servers for the §6.5 example: s1 ACTIVE, s2 SHUTOFF on the first page, s3 ERROR on the second. */
    private static void servers(FakeOpenStack f) {
        String srv = "/compute/v2.1/servers/detail";
        f.json(srv, "{\"servers\":[" + server("s1", "vm1", "ACTIVE", "[\"a\",\"b\"]", "\"\"") + ","
                + server("s2", "vm2", "SHUTOFF", "[]", "{\"id\":\"img-1\",\"links\":[]}") + "],\"servers_links\":"
                + "[{\"href\":\"" + f.url() + srv + "?marker=s2\",\"rel\":\"next\"}]}");
        f.json(srv + "?marker=s2", "{\"servers\":[" + server("s3", "vm3", "ERROR", "[]", "\"\"") + "]}");
    }

    private static String server(String id, String name, String status, String tags, String image) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"tenant_id\":\"p-acme\","
                + "\"user_id\":\"u-1\",\"flavor\":{\"vcpus\":2,\"ram\":2048,\"original_name\":\"m1.small\"},"
                + "\"tags\":" + tags + ",\"image\":" + image + ",\"OS-EXT-STS:vm_state\":\"active\"}";
    }
}
