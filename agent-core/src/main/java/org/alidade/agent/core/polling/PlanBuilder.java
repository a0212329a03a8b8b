package org.alidade.agent.core.polling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alidade.agent.core.config.DiscoveryUrl;
import org.alidade.agent.core.config.PollingSource;

/**
 * Builds a {@link PollingPlan}: a pure function of the pollsters, the discoveries, the sources
 * and the enabled namespaces (reference §1.6). Of two discoveries with one name, the higher
 * service ranking wins, then the older service. Sources in name order, pollsters in (name, service id) order so
 * that the same inputs always give the same plan; the cycle shuffles at run time as upstream.
 */
public final class PlanBuilder {

    private PlanBuilder() {
    }

    /**
     * @param namespaces enabled namespaces; empty means all
     */
    public static PollingPlan build(long generation, Collection<PollsterEntry> pollsters,
            Collection<DiscoveryEntry> discoveries, Collection<PollingSource> sources, Set<String> namespaces) {
        List<PollsterEntry> enabled = pollsters.stream()
                .filter(p -> namespaces.isEmpty() || p.namespaces().stream().anyMatch(namespaces::contains))
                .sorted(Comparator.comparing(PollsterEntry::name).thenComparingLong(PollsterEntry::serviceId))
                .toList();
        Map<Integer, List<PollingPlan.SourcePollsters>> byInterval = new TreeMap<>();
        sources.stream().sorted(Comparator.comparing(PollingSource::name)).forEach(source -> {
            List<PollsterEntry> selected = new ArrayList<>();
            for (PollsterEntry p : enabled) {
                if (source.meters().selects(p.name())) {
                    selected.add(p);
                }
            }
            if (!selected.isEmpty()) {
                byInterval.computeIfAbsent(source.interval(), i -> new ArrayList<>())
                        .add(new PollingPlan.SourcePollsters(source, selected));
            }
        });
        Map<Integer, PollingPlan.Task> tasks = new LinkedHashMap<>();
        byInterval.forEach((interval, list) -> tasks.put(interval, new PollingPlan.Task(interval, list)));
        Map<String, DiscoveryEntry> byName = new LinkedHashMap<>();
        discoveries.stream()
                .sorted(Comparator.comparingInt(DiscoveryEntry::ranking).reversed()
                        .thenComparingLong(DiscoveryEntry::serviceId))
                .forEach(d -> byName.putIfAbsent(d.name(), d));
        Set<String> groups = new TreeSet<>();
        for (PollingPlan.Task task : tasks.values()) {
            for (PollingPlan.SourcePollsters sp : task.sources()) {
                if (!sp.source().resources().isEmpty()) {
                    groups.add(PollingPlan.staticGroup(sp.source().resources()));
                }
                List<String> urls = new ArrayList<>(sp.source().discovery());
                sp.pollsters().forEach(p -> {
                    if (p.defaultDiscovery() != null) {
                        urls.add(p.defaultDiscovery());
                    }
                });
                for (String url : urls) {
                    DiscoveryEntry d = byName.get(DiscoveryUrl.parse(url).name());
                    if (d != null) {
                        groups.add(d.group());
                    }
                }
            }
        }
        return new PollingPlan(generation, new TreeMap<>(tasks), byName, groups);
    }
}
