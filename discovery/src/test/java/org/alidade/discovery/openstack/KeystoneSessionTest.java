package org.alidade.discovery.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.alidade.discovery.keystone.AuthenticationException;
import org.alidade.discovery.keystone.Endpoint;
import org.alidade.discovery.keystone.EndpointNotFoundException;
import org.alidade.discovery.keystone.HttpStatusException;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.testing.FakeOpenStack;
import org.alidade.discovery.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeystoneSessionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeOpenStack fake;
    private KeystoneSession session;

    @BeforeEach
    void start() throws Exception {
        fake = FakeOpenStack.start(clock);
        fake.json("/image/v2/images", "{\"images\":[]}");
        session = TestSessions.session(fake, clock);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private URI images() {
        return URI.create(fake.endpoint("image") + "/v2/images");
    }

    @Test
    void reusesOneTokenForManyRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, session.get(images(), Map.of()).status());
        }
        assertEquals(1, fake.tokensIssued());
        assertEquals(FakeOpenStack.PROJECT_ID, session.projectId());
        String token = fake.requests("/image").get(0).token();
        assertTrue(fake.requests("/image").stream().allMatch(r -> token.equals(r.token())));
    }

    @Test
    void renewsTheTokenShortlyBeforeItExpires() throws Exception {
        session.get(images(), Map.of());
        clock.advance(Duration.ofMinutes(58));
        session.get(images(), Map.of());
        assertEquals(1, fake.tokensIssued(), "two minutes before the end the token is still used");
        clock.advance(Duration.ofSeconds(90));
        session.get(images(), Map.of());
        assertEquals(2, fake.tokensIssued(), "within the last minute it is renewed");
        List<FakeOpenStack.Seen> calls = fake.requests("/image");
        assertFalse(calls.get(0).token().equals(calls.get(2).token()));
    }

    @Test
    void renewsAndRetriesWhenAServiceRejectsTheToken() throws Exception {
        session.get(images(), Map.of());
        fake.revokeTokens(); // the token expired early on Keystone's side (e.g. a restart, a revocation)
        assertEquals(200, session.get(images(), Map.of()).status());
        assertEquals(2, fake.tokensIssued());
    }

    @Test
    void wrongPasswordIsAClearErrorWithoutThePassword() {
        Map<String, Object> config = TestSessions.config(fake);
        config.put("password", "not-the-Pa55word");
        KeystoneSession wrong = TestSessions.session(config, clock);
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        AuthenticationException e;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            e = assertThrows(AuthenticationException.class, () -> wrong.get(images(), Map.of()));
            TestSessions.reconfigure(wrong, TestSessions.config(fake));
            assertDoesNotThrowAnything(wrong);
        } finally {
            System.setErr(err);
        }
        assertTrue(e.getMessage().contains("refused user 'ceilometer'"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("org.alidade.openstack"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-Pa55word"));
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("authenticated user 'ceilometer'"), logged);
        assertFalse(logged.contains("not-the-Pa55word"), logged);
        assertFalse(logged.contains(FakeOpenStack.PASSWORD), logged);
        assertFalse(logged.contains("gAAAAAtoken"), "tokens are not logged either: " + logged);
    }

    private void assertDoesNotThrowAnything(KeystoneSession s) {
        try {
            assertEquals(200, s.get(images(), Map.of()).status());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void choosesEndpointsByInterfaceAndRegion() throws Exception {
        List<Endpoint> image = session.endpoints("image");
        assertEquals(List.of(fake.endpoint("image")), image.stream().map(Endpoint::url).toList());
        Map<String, Object> internal = TestSessions.config(fake);
        internal.put("interface", "internalURL");
        assertEquals("http://internal.invalid/image", TestSessions.session(internal, clock).endpointUrl("image"));
        Map<String, Object> anyRegion = TestSessions.config(fake);
        anyRegion.remove("region_name");
        assertEquals(2, TestSessions.session(anyRegion, clock).endpoints("image").size());
        assertEquals(6, session.endpoints(null).size(), "every service's public RegionOne endpoint");
    }

    @Test
    void unknownServiceTypeAndMissingRegionNameWhatTheCatalogHas() {
        EndpointNotFoundException unknown = assertThrows(EndpointNotFoundException.class,
                () -> session.endpoints("container-infra"));
        assertEquals("the service catalog has no service of type 'container-infra' (types in the catalog: identity, "
                + "image, volumev3, network, object-store, compute)", unknown.getMessage());
        Map<String, Object> config = TestSessions.config(fake);
        config.put("region_name", "RegionNine");
        EndpointNotFoundException region = assertThrows(EndpointNotFoundException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertTrue(region.getMessage().startsWith("service type 'image' has no public endpoint in region 'RegionNine' "
                + "(it has interface/region: public/RegionOne, internal/RegionOne, public/RegionTwo)"), region.getMessage());
    }

    @Test
    void catalogWithoutTheService() throws Exception {
        fake.removeService("network");
        EndpointNotFoundException e = assertThrows(EndpointNotFoundException.class, () -> session.endpoints("network"));
        assertTrue(e.getMessage().contains("no service of type 'network'"), e.getMessage());
        assertEquals("network", e.serviceType());
    }

    @Test
    void missingConfigurationSaysWhichPropertyToSet() {
        KeystoneSession none = TestSessions.session(Map.of(), clock);
        OpenStackException e = assertThrows(OpenStackException.class, () -> none.endpoints("image"));
        assertTrue(e.getMessage().startsWith("org.alidade.openstack: auth_url is not set"), e.getMessage());
        Map<String, Object> bad = TestSessions.config(fake);
        bad.put("interface", "private");
        OpenStackException iface = assertThrows(OpenStackException.class,
                () -> TestSessions.session(bad, clock).endpoints("image"));
        assertTrue(iface.getMessage().contains("interface must be public, internal or admin"), iface.getMessage());
        Map<String, Object> noProject = TestSessions.config(fake);
        noProject.remove("project_name");
        assertThrows(OpenStackException.class, () -> TestSessions.session(noProject, clock).projectId());
    }

    @Test
    void serviceErrorsNameTheCallAndStatus() throws Exception {
        fake.breakPrefix("/image", 500, "{\"message\":\"glance is on fire\"}");
        HttpStatusException e = assertThrows(HttpStatusException.class,
                () -> session.get(images(), Map.of()).requireSuccess());
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("GET " + images() + " answered HTTP 500: {\"message\":\"glance is on fire\"}"),
                e.getMessage());
    }

    @Test
    void unreachableKeystoneNamesTheUrl() {
        Map<String, Object> config = TestSessions.config(fake);
        fake.close();
        OpenStackException e = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertTrue(e.getMessage().startsWith("POST " + fake.authUrl() + "/v3/auth/tokens failed: "), e.getMessage());
    }

    @Test
    void sendsRequestedHeaders() throws Exception {
        session.get(images(), Map.of("OpenStack-API-Version", "volume 3.43"));
        FakeOpenStack.Seen seen = fake.requests("/image").get(0);
        assertEquals("volume 3.43", seen.headers().get("openstack-api-version"));
        assertEquals("application/json", seen.headers().get("accept"));
    }
}
