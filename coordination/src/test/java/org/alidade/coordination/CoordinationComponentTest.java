package org.alidade.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import org.alidade.api.Partitioner;
import org.alidade.api.Resource;
import org.junit.jupiter.api.Test;

class CoordinationComponentTest {

    private final Osgi osgi = new Osgi();
    private static final List<Resource> THREE = List.of(Resource.of("a"), Resource.of("b"), Resource.of("c"));

    private CoordinationComponent component(Object... config) {
        return new CoordinationComponent(osgi.context(), osgi.configAdmin(), Osgi.config(config));
    }

    private static String command(CoordinationComponent c) throws Exception {
        PartitionCommand command = new PartitionCommand();
        java.lang.reflect.Field f = PartitionCommand.class.getDeclaredField("coordination");
        f.setAccessible(true); // DS sets it; no setter just for tests
        f.set(command, c);
        return command.partition();
    }

    @Test
    void withoutABackendNoPartitionerIsRegistered() throws Exception {
        CoordinationComponent c = component("backend_url", " ");
        assertEquals(List.of(), osgi.registered);
        assertEquals("coordination: off (backend_url is empty): this agent polls everything", command(c));
        assertEquals("coordination: off (no org.alidade.coordination configuration): this agent polls everything",
                command(null));
        c.deactivate();
    }

    @Test
    void anInvalidConfigurationIsReportedNamingTheFieldAndTheFallbackApplies() throws Exception {
        CoordinationComponent c = component("backend_url", "zk1:2181,zk2:2181/alidade/", "fallback", "none");
        assertEquals(1, osgi.registered.size());
        Partitioner p = (Partitioner) osgi.registered.get(0);
        assertEquals(List.of(), p.owned("global", THREE), "fallback none");
        assertEquals(THREE, p.owned("local", THREE), "host-local groups are never shared");
        assertEquals("coordination: invalid org.alidade.coordination: backend_url 'zk1:2181,zk2:2181/alidade/': "
                + "bad chroot '/alidade/': must not end with /\nfallback none until it is fixed", command(c));

        c.modified(Osgi.config("backend_url", "zk1:2181", "fallback", "sometimes"));
        assertEquals("coordination: invalid org.alidade.coordination: fallback must be all or none, not 'sometimes'"
                + "\nfallback all until it is fixed", command(c));
        assertEquals(THREE, p.owned("global", THREE), "an invalid fallback falls back to all");

        c.modified(Osgi.config("backend_url", ""));
        assertEquals(List.of(), osgi.registered, "empty backend_url: unregistered");
        c.deactivate();
    }

    @Test
    void numbersAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinationComponent.settings(Osgi.config("backend_url", "zk1", "session_timeout", 0)));
        assertEquals("session_timeout must be > 0 seconds, not 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoordinationComponent.settings(Osgi.config("backend_url", "zk1", "connection_timeout", -1)));
        assertEquals("connection_timeout must be > 0 seconds, not -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoordinationComponent.settings(Osgi.config("backend_url", "zk1", "group_prefix", "a/b")));
        assertEquals("group_prefix must not contain /: 'a/b'", e.getMessage());
        assertTrue(CoordinationComponent.settings(Osgi.config("backend_url", "zk1", "ring_hold", -1)).holdsForever());
    }

    @Test
    void namespacesComeFromThePollingConfigurationElseFromThePollsters() {
        CoordinationComponent c = component("backend_url", "");
        c.addPollster(Osgi.pollster(7, new String[] {"hardware"}));
        c.addPollster(Osgi.pollster(8, "central, compute"));
        assertEquals(List.of("central", "compute", "hardware"), List.copyOf(c.namespaces()));
        c.removePollster(Osgi.pollster(7, null));
        assertEquals(List.of("central", "compute"), List.copyOf(c.namespaces()));

        Hashtable<String, Object> polling = new Hashtable<>();
        polling.put("namespaces", new String[] {"hardware, central"});
        polling.put("host", "agent-7.example.org");
        osgi.polling = polling;
        assertEquals(List.of("hardware", "central"), List.copyOf(c.namespaces()));
        assertEquals("agent-7.example.org", c.host());
        assertTrue(CoordinationComponent.memberId(c.host()).matches("agent-7\\.example\\.org-[0-9a-f]{8}"));
        c.deactivate();
    }
}
