package org.alidade.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.alidade.api.PollingAgent.SourceStatus;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {

    private final SourceRegistry registry = new SourceRegistry();

    private static PollingSource source(String name, int interval, String origin) {
        return new PollingSource(name, interval, MeterSelector.of(List.of("*")), List.of(), List.of(), origin);
    }

    @Test
    void keepsLastGoodVersionWhenAnUpdateIsInvalid() {
        registry.put("pid1", source("cpu", 60, "pid1"));
        registry.reject("pid1", "pid1", "polling source 'cpu' (pid1): interval: must be > 0, not 0");
        assertEquals(List.of(source("cpu", 60, "pid1")), registry.inForce());
        SourceStatus st = registry.status().get(0);
        assertEquals(60, st.interval());
        assertTrue(st.error().contains("interval"));
        registry.put("pid1", source("cpu", 30, "pid1"));
        assertNull(registry.status().get(0).error());
        assertEquals(30, registry.inForce().get(0).interval());
    }

    @Test
    void aRejectedNewSourceIsListedButNotPolled() {
        registry.reject("pid2", "pid2", "polling source #1 (pid2): name: required");
        assertTrue(registry.inForce().isEmpty());
        assertEquals(1, registry.status().size());
        assertTrue(registry.status().get(0).rejected());
    }

    @Test
    void aDuplicateNameIsReportedAndTheFirstStaysInForceUntilItGoes() {
        registry.put("pid1", source("cpu", 60, "pid1"));
        registry.put("pid2", source("cpu", 30, "pid2"));
        assertEquals(List.of(source("cpu", 60, "pid1")), registry.inForce());
        assertTrue(registry.status().stream().anyMatch(s -> s.error() != null && s.error().contains("already used")));
        registry.remove("pid1");
        assertEquals(List.of(source("cpu", 30, "pid2")), registry.inForce());
    }

    @Test
    void tellsListenersOfChangesButNotOfRepeats() {
        AtomicInteger changes = new AtomicInteger();
        registry.addListener(changes::incrementAndGet);
        registry.put("a", source("a", 60, "a"));
        registry.put("a", source("a", 60, "a"));
        registry.reject("a", "a", "bad");
        registry.reject("a", "a", "bad");
        registry.retain("", Set.of());
        assertEquals(3, changes.get());
        assertTrue(registry.inForce().isEmpty());
    }
}
