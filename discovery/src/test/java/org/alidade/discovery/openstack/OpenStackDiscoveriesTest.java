package org.alidade.discovery.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.discovery.keystone.EndpointNotFoundException;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.testing.FakeOpenStack;
import org.alidade.discovery.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenStackDiscoveriesTest {

    private final PollContext context = new PollContext() {
        private final ConcurrentHashMap<Object, Object> cache = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> T cached(Object key, Supplier<T> loader) {
            return (T) cache.computeIfAbsent(key, k -> loader.get());
        }

        @Override
        public String host() {
            return "central-01";
        }
    };

    private FakeOpenStack fake;
    private KeystoneSession session;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        fake = FakeOpenStack.start(clock);
        session = TestSessions.session(fake, clock);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void endpointDiscoveryFindsTheServiceUrls() throws Exception {
        List<Resource> found = new EndpointDiscovery(session).discover(context, "volumev3");
        assertEquals(List.of(Resource.of(fake.endpoint("volumev3"))), found);
        assertEquals("volumev3", found.get(0).metadata().get("service_type"));
        assertEquals("RegionOne", found.get(0).metadata().get("region"));
        assertEquals(6, new EndpointDiscovery(session).discover(context, null).size());
    }

    @Test
    void endpointDiscoveryOfAnUnknownTypeFailsClearly() {
        EndpointNotFoundException e = assertThrows(EndpointNotFoundException.class,
                () -> new EndpointDiscovery(session).discover(context, "no-such-service"));
        assertTrue(e.getMessage().contains("no service of type 'no-such-service'"), e.getMessage());
    }

    @Test
    void tenantDiscoveryListsProjectsOfEveryDomainAcrossPages() throws Exception {
        fake.keystoneProjects();
        List<Resource> projects = new TenantDiscovery(session).discover(context, null);
        assertEquals(List.of(FakeOpenStack.PROJECT_ID, "p-admin", "p-old", "p-acme"),
                projects.stream().map(Resource::id).toList());
        Resource acme = projects.get(3);
        assertEquals("acme", acme.metadata().get("name"));
        assertEquals("d2", acme.metadata().get("domain_id"));
        assertEquals(Boolean.FALSE, projects.get(2).metadata().get("enabled"));
        assertEquals(null, projects.get(1).metadata().get("description"), "absent field is null");
    }

    @Test
    void tenantDiscoveryFailsOnGarbage() {
        fake.json("/identity/v3/domains", "<html>proxy error</html>");
        Exception e = assertThrows(Exception.class, () -> new TenantDiscovery(session).discover(context, null));
        assertTrue(e.getMessage().contains("/identity/v3/domains answered a body that is not JSON"), e.getMessage());
    }
}
