package org.alidade.coordination.it;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.alidade.agent.core.config.MeterSelector;
import org.alidade.agent.core.config.PollingSource;
import org.alidade.agent.core.config.SourceRegistry;
import org.alidade.agent.core.polling.DiscoveryEntry;
import org.alidade.agent.core.polling.EngineSettings;
import org.alidade.agent.core.polling.PollingEngine;
import org.alidade.agent.core.polling.PollsterEntry;
import org.alidade.api.Discovery;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.coordination.partition.Coordinator;
import org.alidade.coordination.partition.Fallback;
import org.alidade.coordination.partition.Settings;
import org.alidade.coordination.zk.ConnectString;

/**
 * One agent as in production but without a framework: the real {@link PollingEngine} with one
 * source (static resources plus a discovery) and one pollster that records what it is given,
 * partitioned by a real {@link Coordinator}. Cycles run when the test says ({@link #cycle()}).
 */
final class Agent implements AutoCloseable {

    static final String METER = "test.meter";

    final String name;
    final Coordinator coordinator;
    private final PollingEngine engine;
    private final AtomicReference<Set<String>> polled = new AtomicReference<>();

    Agent(String name, Settings settings, Fleet fleet) {
        this.name = name;
        SourceRegistry sources = new SourceRegistry();
        engine = new PollingEngine(new EngineSettings(Set.of("central"), 0, 30_000, 2, name, 50), sources,
                (sample, timestamp) -> Map.of(), batch -> { }, Clock.systemUTC());
        engine.setScheduling(false);
        sources.put("fleet", new PollingSource("fleet", 60, MeterSelector.of(List.of(METER)), fleet.statics(),
                List.of("fleet"), "test"));
        Pollster pollster = (context, resources, out) -> {
            Set<String> into = polled.get();
            resources.forEach(r -> into.add(r.id()));
        };
        Discovery discovery = (context, param) -> fleet.discovered().stream().map(Resource::of).toList();
        engine.addPollster(new PollsterEntry(METER, List.of("central"), null, pollster, 1, "test"));
        engine.addDiscovery(new DiscoveryEntry("fleet", Discovery.DEFAULT_GROUP, discovery, 2, 0, "test"));
        coordinator = new Coordinator(settings, name, "host=" + name, () -> List.of("central"), Clock.systemUTC());
        engine.setPartitioner(coordinator);
        engine.replanNow(); // joins the plan's groups, as the engine does on every re-plan
    }

    static Settings settings(String connect, String prefix, Duration hold, Fallback fallback) {
        return settings(connect, prefix, hold, fallback, Duration.ofSeconds(3));
    }

    static Settings settings(String connect, String prefix, Duration hold, Fallback fallback, Duration session) {
        return new Settings(ConnectString.parse(connect), session, Duration.ofSeconds(3), prefix, hold, fallback);
    }

    /** One polling cycle now, through the engine: the ids this agent polled. */
    Set<String> cycle() throws InterruptedException {
        Set<String> into = ConcurrentHashMap.newKeySet();
        polled.set(into);
        engine.pollNow(null, null, batch -> { });
        return Set.copyOf(into);
    }

    @Override
    public void close() {
        engine.stop(1_000);
        coordinator.close();
    }
}
