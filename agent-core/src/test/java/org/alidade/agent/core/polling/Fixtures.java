package org.alidade.agent.core.polling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.alidade.agent.core.config.MeterSelector;
import org.alidade.agent.core.config.PollingSource;
import org.alidade.api.Discovery;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleType;

/** Small builders shared by the engine's unit tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123456Z"), ZoneOffset.UTC);

    /** An unsigned stand-in for the signer: the fields the engine's rules are about. */
    static final MessageFactory MESSAGES = (sample, timestamp) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter_name", sample.name());
        m.put("resource_id", sample.resourceId());
        m.put("counter_volume", sample.volume());
        m.put("timestamp", timestamp);
        return m;
    };

    static PollingSource source(String name, int interval, List<String> meters, List<String> resources,
            List<String> discovery) {
        return new PollingSource(name, interval, MeterSelector.of(meters), resources, discovery, "test");
    }

    static PollingSource source(String name, int interval, String... meters) {
        return source(name, interval, List.of(meters), List.of(), List.of());
    }

    private static long ids = 1000;

    static synchronized PollsterEntry entry(String name, Pollster p, String... namespaces) {
        String discovery = p.defaultDiscovery().orElse(null);
        return new PollsterEntry(name, List.of(namespaces.length == 0 ? new String[] {"test"} : namespaces),
                discovery, p, ids++, "test.bundle");
    }

    static synchronized DiscoveryEntry discovery(String name, Discovery d) {
        return new DiscoveryEntry(name, Discovery.DEFAULT_GROUP, d, ids++, 0, "test.bundle");
    }

    static Sample sample(String meter, Resource r, Object volume) {
        return Sample.builder().name(meter).type(SampleType.GAUGE).unit("u").volume(volume).resourceId(r.id())
                .timestamp("1999-01-01T00:00:00").build();
    }

    /** A pollster that records what it was asked and emits one sample per resource. */
    static final class RecordingPollster implements Pollster {
        final String meter;
        final String defaultDiscovery;
        final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

        RecordingPollster(String meter, String defaultDiscovery) {
            this.meter = meter;
            this.defaultDiscovery = defaultDiscovery;
        }

        RecordingPollster(String meter) {
            this(meter, null);
        }

        @Override
        public java.util.Optional<String> defaultDiscovery() {
            return java.util.Optional.ofNullable(defaultDiscovery);
        }

        @Override
        public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) {
            calls.add(resources.stream().map(Resource::id).toList());
            for (Resource r : resources) {
                out.accept(sample(meter, r, 1));
            }
        }

        List<String> polledIds() {
            synchronized (calls) {
                return calls.stream().flatMap(List::stream).toList();
            }
        }
    }

    /** Collects batches. */
    static final class Batches implements Consumer<SampleBatch> {
        final List<SampleBatch> batches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(SampleBatch b) {
            batches.add(b);
        }

        List<Map<String, Object>> messages() {
            synchronized (batches) {
                return batches.stream().flatMap(b -> b.messages().stream()).toList();
            }
        }

        List<Integer> sizes() {
            synchronized (batches) {
                return batches.stream().map(SampleBatch::size).toList();
            }
        }
    }

    static PollingCycle.Environment env(ScheduledExecutorService timer, CallPool pool, Map<String, DiscoveryEntry> d,
            Blacklists bl, Consumer<SampleBatch> out, int batchSize, long timeoutMillis) {
        return env(timer, pool, d, bl, out, batchSize, timeoutMillis, PollingCycle.ALL);
    }

    static PollingCycle.Environment env(ScheduledExecutorService timer, CallPool pool, Map<String, DiscoveryEntry> d,
            Blacklists bl, Consumer<SampleBatch> out, int batchSize, long timeoutMillis,
            org.alidade.api.Partitioner partitioner) {
        return new PollingCycle.Environment(pool, d::get, bl, MESSAGES, out, FIXED, "host-1", batchSize,
                timeoutMillis, partitioner, "");
    }
}
