package org.alidade.agent.core.polling;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.alidade.agent.core.config.PollingSource;

/**
 * The immutable schedule: one task per distinct interval, each listing its sources with the
 * pollsters they select, and the discoveries by name that its cycles use. Built by
 * {@link PlanBuilder}, swapped atomically by the engine.
 */
public record PollingPlan(long generation, SortedMap<Integer, Task> tasks, Map<String, DiscoveryEntry> discoveries,
        Set<String> groups) {

    /** The empty plan: nothing to poll. */
    public static final PollingPlan EMPTY = new PollingPlan(0, new TreeMap<>(), Map.of(), Set.of());

    /**
     * @param groups the partitioning groups the plan's cycles use: static-resource groups and the
     *               groups of the discoveries its sources and pollsters name
     */
    public PollingPlan {
        tasks = Collections.unmodifiableSortedMap(new TreeMap<>(tasks));
        discoveries = Map.copyOf(discoveries);
        groups = Set.copyOf(groups);
    }

    /**
     * The partitioning group of a source's static resources: the same on every agent (upstream
     * hashed them with Python's per-process randomised {@code hash()}, so they never partitioned).
     */
    public static String staticGroup(List<String> resources) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String r : new java.util.TreeSet<>(resources)) {
                sha.update(r.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "static-" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** All sources sharing one interval, as Ceilometer's {@code PollingTask}. */
    public record Task(int interval, List<SourcePollsters> sources) {
        public Task {
            sources = List.copyOf(sources);
        }
    }

    /** One source and the pollsters it selects, in load order. */
    public record SourcePollsters(PollingSource source, List<PollsterEntry> pollsters) {
        public SourcePollsters {
            pollsters = List.copyOf(pollsters);
        }
    }
}
