package org.alidade.coordination.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.alidade.coordination.partition.PartitionView;

/** The resources the agents share, and what the tests check about their cycles. */
record Fleet(List<String> statics, List<String> discovered) {

    /** {@code n} static resource URLs and {@code n} discovered instance ids. */
    static Fleet of(int n) {
        List<String> s = new ArrayList<>();
        List<String> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add("snmp://10.1." + (i / 250) + "." + (i % 250 + 1));
            d.add(String.format("instance-%04d-%08x", i, i * 2654435761L & 0xffffffffL));
        }
        return new Fleet(List.copyOf(s), List.copyOf(d));
    }

    Set<String> all() {
        Set<String> all = new HashSet<>(statics);
        all.addAll(discovered);
        return all;
    }

    /** Runs one cycle on each agent: name → what it polled. */
    static Map<String, Set<String>> cycle(List<Agent> agents) throws InterruptedException {
        Map<String, Set<String>> polled = new LinkedHashMap<>();
        for (Agent a : agents) {
            polled.put(a.name, a.cycle());
        }
        return polled;
    }

    /** Whether the agents' sets are disjoint and together are every resource. */
    boolean exactAndDisjoint(Map<String, Set<String>> polled) {
        int sum = polled.values().stream().mapToInt(Set::size).sum();
        Set<String> union = new HashSet<>();
        polled.values().forEach(union::addAll);
        return sum == union.size() && union.equals(all());
    }

    void assertExactAndDisjoint(Map<String, Set<String>> polled) {
        Set<String> union = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Set<String> s : polled.values()) {
            for (String id : s) {
                if (!union.add(id)) {
                    twice.add(id);
                }
            }
        }
        assertTrue(twice.isEmpty(), twice.size() + " resources polled by two agents, e.g. "
                + twice.subList(0, Math.min(5, twice.size())));
        Set<String> missing = new HashSet<>(all());
        missing.removeAll(union);
        assertTrue(missing.isEmpty(), missing.size() + " resources polled by no agent");
        assertEquals(all(), union);
    }

    /** {@code agent-1 672 (33.6%), …; max deviation from an even split 4.1%}. */
    String spread(Map<String, Set<String>> polled) {
        int total = all().size();
        double ideal = total / (double) polled.size();
        double worst = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : polled.entrySet()) {
            int n = e.getValue().size();
            parts.add(String.format("%s %d (%.1f%%)", e.getKey(), n, 100.0 * n / total));
            worst = Math.max(worst, Math.abs(n - ideal) / ideal);
        }
        return String.join(", ", parts) + String.format("; max deviation from an even split %.1f%%", 100 * worst);
    }

    /** Whether every agent is connected and sees exactly {@code members} in each of its groups. */
    static boolean converged(List<Agent> agents, Set<String> members) {
        for (Agent a : agents) {
            PartitionView v = a.coordinator.view();
            if (v.state() != PartitionView.State.CONNECTED || v.rings().size() != 2) {
                return false;
            }
            for (PartitionView.GroupRing r : v.rings().values()) {
                if (!r.ring().members().equals(members)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits for a condition; the bound only keeps a broken build from hanging, it is not what is tested. */
    static long eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 60 s: " + what);
            }
            Thread.sleep(25);
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    static Set<String> names(List<Agent> agents) {
        Set<String> s = new HashSet<>();
        agents.forEach(a -> s.add(a.name));
        return s;
    }

    static void figure(String format, Object... args) {
        System.out.printf("FIGURE " + format + "%n", args);
    }
}
