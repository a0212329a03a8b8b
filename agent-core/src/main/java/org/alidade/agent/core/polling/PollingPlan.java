package org.alidade.agent.core.polling;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.alidade.agent.core.config.PollingSource;

/**
 * The immutable schedule: one task per distinct interval, each listing its sources with the
 * pollsters they select, and the discoveries by name that its cycles use. Built by
 * {@link PlanBuilder}, swapped atomically by the engine.
 */
public record PollingPlan(long generation, SortedMap<Integer, Task> tasks, Map<String, DiscoveryEntry> discoveries) {

    /** The empty plan: nothing to poll. */
    public static final PollingPlan EMPTY = new PollingPlan(0, new TreeMap<>(), Map.of());

    public PollingPlan {
        tasks = Collections.unmodifiableSortedMap(new TreeMap<>(tasks));
        discoveries = Map.copyOf(discoveries);
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
