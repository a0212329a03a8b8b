package org.alidade.pollster.central.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.io.TempDir;

/** Dynamic pollsters from YAML files against a loopback Nova, and their live reload. */
public class DynamicPollstersTest {

    /** The reference §6.5 example, with Nova's pagination links. */
    public static final String SERVERS = """
            - name: dynamic.server.status
              sample_type: gauge
              unit: server
              endpoint_type: compute
              url_path: servers/detail
              value_attribute: status
              response_entries_key: servers
              next_sample_url_attribute: "servers_links | filter(lambda v: v.get('rel') == 'next', value) | list(value) | value[0] | value.get('href')"
              project_id_attribute: tenant_id
              value_mapping:
                ACTIVE: "1"
              default_value: 0
              skip_sample_values:
                - ERROR
              metadata_fields:
                - name
                - flavor.vcpus
                - "tags | ','.join(value)"
                - "image | value or {'id': ''} | value['id']"
              metadata_mapping:
                name: display_name
                flavor.vcpus: vcpus
              preserve_mapped_metadata: false
              headers:
                Openstack-API-Version: compute 2.65
            """;

    @TempDir
    Path dir;

    private FakeOpenStack fake;
    private KeystoneSession session;
    private final Map<String, Pollster> services = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
    private DynamicPollsters dynamic;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        fake = FakeOpenStack.start(clock);
        session = TestSessions.session(fake, clock);
        String srv = "/compute/v2.1/servers/detail";
        fake.json(srv, "{\"servers\":[" + server("s1", "vm1", "ACTIVE", "[\"a\",\"b\"]", "\"\"") + ","
                + server("s2", "vm2", "SHUTOFF", "[]", "{\"id\":\"img-1\",\"links\":[]}") + "],\"servers_links\":"
                + "[{\"href\":\"" + fake.url() + srv + "?marker=s2\",\"rel\":\"next\"}]}");
        fake.json(srv + "?marker=s2", "{\"servers\":[" + server("s3", "vm3", "ERROR", "[]", "\"\"") + "]}");
        dynamic = new DynamicPollsters((p, props) -> {
            String name = (String) props.get(Pollster.NAME);
            services.put(name, p);
            properties.put(name, props);
            return () -> {
                services.remove(name);
                properties.remove(name);
            };
        }, session, List.of(dir));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String server(String id, String name, String status, String tags, String image) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"tenant_id\":\"p-acme\","
                + "\"user_id\":\"u-1\",\"flavor\":{\"vcpus\":2,\"ram\":2048,\"original_name\":\"m1.small\"},"
                + "\"tags\":" + tags + ",\"image\":" + image + ",\"OS-EXT-STS:vm_state\":\"active\"}";
    }

    private List<Sample> poll(String name) throws Exception {
        Pollster p = services.get(name);
        assertEquals("endpoint:compute", p.defaultDiscovery().orElseThrow());
        List<Sample> out = new ArrayList<>();
        p.getSamples(new TestContext(), List.of(Resource.of(fake.endpoint("compute"))), out::add);
        return out;
    }

    @Test
    void theReferenceServersExampleGivesTheSameSamples() throws Exception {
        Files.writeString(dir.resolve("servers.yaml"), SERVERS);
        dynamic.rescan();
        assertEquals(List.of(), dynamic.problems());
        assertTrue(properties.get("dynamic.server.status").get(Pollster.NAMESPACE) instanceof String[] ns
                && List.of(ns).equals(List.of("central")));
        List<Sample> samples = poll("dynamic.server.status");
        assertEquals(2, samples.size(), "s3 (ERROR) is skipped");
        Sample s1 = samples.get(0);
        assertEquals("1", s1.volume(), "a YAML string mapping gives a string volume");
        assertEquals("s1", s1.resourceId());
        assertEquals("p-acme", s1.projectId());
        assertEquals("u-1", s1.userId());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("tags | ','.join(value)", "a,b");
        expected.put("image | value or {'id': ''} | value['id']", "");
        expected.put("display_name", "vm1");
        expected.put("vcpus", 2);
        assertEquals(expected, s1.resourceMetadata());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(s1.resourceMetadata().keySet()));
        Sample s2 = samples.get(1);
        assertEquals(0, s2.volume(), "the default stays an int");
        assertEquals("img-1", s2.resourceMetadata().get("image | value or {'id': ''} | value['id']"));
        // url_path relative to the endpoint with a '/' appended (upstream since 24.0.0); the header is sent
        assertEquals(2, fake.requests("/compute/v2.1/servers/detail").size());
        assertEquals("compute 2.65", fake.requests("/compute").get(0).headers().get("openstack-api-version"));
    }

    @Test
    void liveAddEditAndRemoveOfADefinitionFile() throws Exception {
        Path file = dir.resolve("servers.yaml");
        dynamic.rescan();
        assertEquals(Map.of(), services);
        Files.writeString(file, SERVERS);
        dynamic.rescan();
        assertEquals(List.of("dynamic.server.status"), new ArrayList<>(services.keySet()));
        Pollster first = services.get("dynamic.server.status");
        dynamic.rescan();
        assertTrue(first == services.get("dynamic.server.status"), "an unchanged file keeps its service");

        Files.writeString(file, SERVERS.replace("ACTIVE: \"1\"", "ACTIVE: 100"));
        dynamic.rescan();
        Pollster edited = services.get("dynamic.server.status");
        assertFalse(first == edited, "an edited definition is re-registered");
        assertEquals(100, poll("dynamic.server.status").get(0).volume());

        Files.writeString(dir.resolve("more.yaml"), SERVERS.replace("dynamic.server.status", "dynamic.server.count")
                .replace("sample_type: gauge", "sample_type: cumulative"));
        dynamic.rescan();
        assertEquals(List.of("dynamic.server.status", "dynamic.server.count"), new ArrayList<>(services.keySet()));

        Files.delete(file);
        dynamic.rescan();
        assertEquals(List.of("dynamic.server.count"), new ArrayList<>(services.keySet()));
        dynamic.close();
        assertEquals(Map.of(), services);
    }

    @Test
    void badDefinitionsAreReportedWithFileAndFieldAndSkipped() throws Exception {
        Files.writeString(dir.resolve("a-good.yaml"), SERVERS);
        Files.writeString(dir.resolve("b-empty.yaml"), "");
        Files.writeString(dir.resolve("c-broken.yaml"), "- name: x\n  unit: [unclosed\n");
        Files.writeString(dir.resolve("d-mapping.yaml"), "name: x\nunit: B\n");
        Files.writeString(dir.resolve("e-fields.yaml"), """
                - name: no.unit
                  sample_type: gauge
                  value_attribute: size
                  endpoint_type: image
                  url_path: v2/images
                - name: bad.type
                  sample_type: counter
                  unit: B
                  value_attribute: size
                  endpoint_type: image
                  url_path: v2/images
                - name: evil
                  sample_type: gauge
                  unit: B
                  value_attribute: "size | __import__('os').system(value)"
                  endpoint_type: image
                  url_path: v2/images
                - name: shell
                  sample_type: gauge
                  unit: B
                  value_attribute: out
                  host_command: cat /etc/shadow
                - name: multi.{kind}
                  sample_type: gauge
                  unit: B
                  value_attribute: "stats | value"
                  endpoint_type: image
                  url_path: v2/images
                - name: dynamic.server.status
                  sample_type: gauge
                  unit: x
                  value_attribute: status
                  endpoint_type: compute
                  url_path: servers
                """);
        dynamic.rescan();
        assertEquals(List.of("dynamic.server.status"), new ArrayList<>(services.keySet()));
        List<String> p = dynamic.problems();
        String e = dir.resolve("e-fields.yaml").toString();
        assertEquals(8, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith(dir.resolve("c-broken.yaml") + ": not valid YAML: "), p.get(0));
        assertEquals(dir.resolve("d-mapping.yaml") + ": must be a YAML list of pollster definitions, not a mapping", p.get(1));
        assertEquals(e + ": pollster 'no.unit': field 'unit': is required", p.get(2));
        assertEquals(e + ": pollster 'bad.type': field 'sample_type': sample type must be gauge, delta or cumulative, "
                + "not 'counter'", p.get(3));
        assertTrue(p.get(4).startsWith(e + ": pollster 'evil': field 'value_attribute': "), p.get(4));
        assertTrue(p.get(4).contains("name '__import__' is not allowed"), p.get(4));
        assertTrue(p.get(5).startsWith(e + ": pollster 'shell': field 'host_command': host-command pollsters are not supported"), p.get(5));
        assertTrue(p.get(6).startsWith(e + ": pollster 'multi.{kind}': field 'value_attribute': a multi-metric"), p.get(6));
        assertEquals(e + ": pollster 'dynamic.server.status' is already defined in " + dir.resolve("a-good.yaml")
                + ": the first definition is used", p.get(7));
        assertEquals(2, poll("dynamic.server.status").size(), "the good one works");
    }

    @Test
    void multiMetricPlainUrlWithBasicAuthAndXml() throws Exception {
        fake.route("GET", "/stats.xml", 200, Map.of("Content-Type", "application/xml"),
                "<stats><host id=\"h1\"><user_id>u</user_id><project_id>p</project_id><id>h1</id>"
                        + "<m><kind>rx</kind><v>5</v></m><m><kind>tx</kind><v>7</v></m></host></stats>");
        Files.writeString(dir.resolve("x.yaml"), """
                - name: plain.{kind}
                  sample_type: cumulative
                  unit: B
                  value_attribute: "[m].v"
                  url_path: %s/stats.xml
                  module: requests.auth
                  authentication_object: HTTPBasicAuth
                  authentication_parameters: monitor, s3cret
                  response_handlers: [xml]
                  response_entries_key: stats.host
                """.formatted(fake.url()));
        dynamic.rescan();
        assertEquals(List.of(), dynamic.problems());
        Pollster p = services.get("plain.{kind}");
        assertEquals("barbican:", p.defaultDiscovery().orElseThrow());
        List<Sample> out = new ArrayList<>();
        // the fake wants a Keystone token: this request has Basic auth only, so it answers 401 → the call fails
        Exception e = assertThrows(Exception.class,
                () -> p.getSamples(new TestContext(), List.of(Resource.of("No secrets found")), out::add));
        assertTrue(e.getMessage().contains("answered HTTP 401"), e.getMessage());
        FakeOpenStack.Seen seen = fake.requests("/stats.xml").get(0);
        assertEquals("Basic bW9uaXRvcjpzM2NyZXQ=", seen.headers().get("authorization"));
        assertEquals(null, seen.token(), "no Keystone token goes to a non-OpenStack URL");
    }

    @Test
    void xmlAndMultiMetricParsing() throws Exception {
        Object doc = ResponseHandlers.parse(List.of("json", "xml"),
                "<stats><host id=\"h1\"><m><kind>rx</kind><v>5</v></m><m><kind>tx</kind><v>7</v></m></host></stats>"
                        .getBytes());
        assertEquals(Map.of("stats", Map.of("host", Map.of("@id", "h1", "m", List.of(Map.of("kind", "rx", "v", "5"),
                Map.of("kind", "tx", "v", "7"))))), doc);
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> ResponseHandlers.parse(List.of("json"), "<<<".getBytes()));
        assertTrue(garbage.getMessage().startsWith("no response handler of [json] could parse the body"));
    }

    @Test
    void garbageFromTheServiceFailsTheCallWithTheUrl() throws Exception {
        Files.writeString(dir.resolve("servers.yaml"), SERVERS);
        dynamic.rescan();
        fake.json("/compute/v2.1/servers/detail", "this is not json");
        Exception e = assertThrows(Exception.class, () -> poll("dynamic.server.status"));
        assertTrue(e.getMessage().contains("servers/detail: no response handler of [json] could parse the body"),
                e.getMessage());
        fake.breakPrefix("/compute", 500, "{}");
        Exception http = assertThrows(Exception.class, () -> poll("dynamic.server.status"));
        assertTrue(http.getMessage().contains("answered HTTP 500"), http.getMessage());
    }

    @Test
    void urlJoinAsUpstream() {
        assertEquals("http://h:8774/v2.1/servers/detail", DynamicPollster.join("http://h:8774/v2.1", "servers/detail").toString());
        assertEquals("http://h:8774/v2.1/servers/detail", DynamicPollster.join("http://h:8774/v2.1/", "servers/detail").toString());
        assertEquals("http://h:8774/abs/path", DynamicPollster.join("http://h:8774/v2.1", "/abs/path").toString());
        assertEquals("http://o/x?y=1", DynamicPollster.join("http://h:8774/v2.1", "http://o/x?y=1").toString());
    }
}
