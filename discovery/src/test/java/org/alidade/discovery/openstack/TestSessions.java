package org.alidade.discovery.openstack;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.testing.Annotations;
import org.alidade.discovery.testing.FakeOpenStack;

/** Sessions as the component makes them, for tests of this and other modules (test-jar). */
public final class TestSessions {

    private TestSessions() {
    }

    /** PID org.alidade.openstack properties for the fake's service user, region RegionOne. */
    public static Map<String, Object> config(FakeOpenStack fake) {
        Map<String, Object> p = new HashMap<>();
        p.put("auth_url", fake.authUrl());
        p.put("username", FakeOpenStack.USER);
        p.put("password", FakeOpenStack.PASSWORD);
        p.put("project_name", FakeOpenStack.PROJECT);
        p.put("region_name", FakeOpenStack.REGION);
        p.put("timeout", 10.0);
        return p;
    }

    public static KeystoneSession session(FakeOpenStack fake, Clock clock) {
        return session(config(fake), clock);
    }

    public static KeystoneSession session(Map<String, Object> properties, Clock clock) {
        return new KeystoneSessionComponent(Annotations.of(OpenStackConfig.class, properties), clock);
    }

    /** Applies a configuration change as ConfigAdmin would (DS {@code @Modified}). */
    public static void reconfigure(KeystoneSession session, Map<String, Object> properties) {
        ((KeystoneSessionComponent) session).configure(Annotations.of(OpenStackConfig.class, properties));
    }
}
