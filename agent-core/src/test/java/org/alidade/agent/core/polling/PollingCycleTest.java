package org.alidade.agent.core.polling;

import static org.alidade.agent.core.polling.Fixtures.entry;
import static org.alidade.agent.core.polling.Fixtures.sample;
import static org.alidade.agent.core.polling.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alidade.agent.core.config.PollingSource;
import org.alidade.agent.core.polling.Fixtures.Batches;
import org.alidade.agent.core.polling.Fixtures.RecordingPollster;
import org.alidade.api.Pollster;
import org.alidade.api.PollsterPermanentException;
import org.alidade.api.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingCycleTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CallPool pool = new CallPool(4, timer);
    private final Map<String, DiscoveryEntry> discoveries = new HashMap<>();
    private final Blacklists blacklists = new Blacklists();
    private final Batches out = new Batches();
    private final IntervalStats stats = new IntervalStats(60);

    @AfterEach
    void stop() {
        pool.shutdown();
        timer.shutdownNow();
    }

    private org.alidade.api.Partitioner partitioner = PollingCycle.ALL;

    private CycleReport run(int batchSize, long timeoutMillis, PollingPlan.SourcePollsters... sources)
            throws InterruptedException {
        PollingPlan.Task task = new PollingPlan.Task(60, List.of(sources));
        return new PollingCycle(task, Fixtures.env(timer, pool, discoveries, blacklists, out, batchSize, timeoutMillis,
                partitioner), stats).run();
    }

    private static PollingPlan.SourcePollsters sp(PollingSource s, PollsterEntry... p) {
        return new PollingPlan.SourcePollsters(s, List.of(p));
    }

    private AtomicInteger discoveryReturning(String name, String... ids) {
        AtomicInteger calls = new AtomicInteger();
        discoveries.put(name, Fixtures.discovery(name, (ctx, param) -> {
            calls.incrementAndGet();
            List<Resource> list = new ArrayList<>();
            for (String id : ids) {
                list.add(Resource.of(param == null ? id : id + "@" + param));
            }
            return list;
        }));
        return calls;
    }

    @Test
    void pollsStaticResourcesThenSourceDiscoveries() throws Exception {
        discoveryReturning("nodes", "n1", "n2");
        RecordingPollster p = new RecordingPollster("m", "never-used");
        run(50, 5_000, sp(source("s", 60, List.of("m"), List.of("static-1"), List.of("nodes", "nodes:x")),
                entry("m", p)));
        assertEquals(List.of(List.of("static-1", "n1", "n2", "n1@x", "n2@x")), p.calls);
    }

    @Test
    void usesThePollstersDefaultDiscoveryOnlyWhenTheSourceGivesNothing() throws Exception {
        AtomicInteger fallbackCalls = discoveryReturning("fallback", "f1");
        discoveryReturning("empty");
        RecordingPollster withOwn = new RecordingPollster("a", "fallback");
        RecordingPollster withoutOwn = new RecordingPollster("b", "fallback");
        run(50, 5_000, sp(source("own", 60, List.of("a"), List.of("r1"), List.of()), entry("a", withOwn)),
                sp(source("none", 60, List.of("b"), List.of(), List.of("empty")), entry("b", withoutOwn)));
        assertEquals(List.of("r1"), withOwn.polledIds());
        assertEquals(List.of("f1"), withoutOwn.polledIds());
        assertEquals(1, fallbackCalls.get());
    }

    @Test
    void discoversEachUrlOnceACycleWhateverTheNumberOfPollsters() throws Exception {
        AtomicInteger calls = discoveryReturning("nodes", "n1");
        List<PollsterEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry("m" + i, new RecordingPollster("m" + i)));
        }
        run(50, 5_000, new PollingPlan.SourcePollsters(source("s", 60, List.of("*"), List.of(), List.of("nodes")),
                entries));
        assertEquals(1, calls.get());
        assertEquals(5, out.messages().size());
    }

    @Test
    void pollsAResourceOncePerPollsterNameAcrossTheSourcesOfAnInterval() throws Exception {
        RecordingPollster p = new RecordingPollster("m");
        PollsterEntry e = entry("m", p);
        run(50, 5_000, sp(source("a", 60, List.of("m"), List.of("r1", "r2"), List.of()), e),
                sp(source("b", 60, List.of("m"), List.of("r2", "r3"), List.of()), e));
        List<String> polled = new ArrayList<>(p.polledIds());
        polled.sort(null);
        assertEquals(List.of("r1", "r2", "r3"), polled);
    }

    @Test
    void aResourceThatASourceGivesTwiceIsPolledOnceByEachOfItsPollsters() throws Exception {
        discoveryReturning("nodes", "n1", "static-1");
        RecordingPollster a = new RecordingPollster("a");
        RecordingPollster b = new RecordingPollster("b");
        run(50, 5_000, sp(source("s", 60, List.of("a", "b"), List.of("static-1"), List.of("nodes", "nodes")),
                entry("a", a), entry("b", b)));
        assertEquals(List.of("static-1", "n1"), a.polledIds());
        assertEquals(List.of("static-1", "n1"), b.polledIds());
    }

    @Test
    void aBlacklistedResourceIsLeftOutOnlyForItsOwnSourceAndPollster() throws Exception {
        RecordingPollster a = new RecordingPollster("a");
        RecordingPollster b = new RecordingPollster("b");
        blacklists.add("s", "a", List.of(Resource.of("r2")));
        run(50, 5_000, sp(source("s", 60, List.of("a", "b"), List.of("r1", "r2"), List.of()), entry("a", a),
                entry("b", b)));
        assertEquals(List.of("r1"), a.polledIds());
        assertEquals(List.of("r1", "r2"), b.polledIds());
    }

    @Test
    void blacklistsResourcesOfAPermanentErrorAndStillPublishesWhatCameBefore() throws Exception {
        Pollster failing = (ctx, resources, sink) -> {
            sink.accept(sample("m", resources.get(0), 1));
            throw new PollsterPermanentException(List.of(resources.get(1)), "not supported");
        };
        PollingSource s = source("s", 60, List.of("m"), List.of("r1", "r2", "r3"), List.of());
        CycleReport first = run(50, 5_000, sp(s, entry("m", failing)));
        assertEquals(1, first.errors());
        assertEquals(1, out.messages().size());
        assertEquals(Map.of("s/m", List.of("r2")), blacklists.snapshot());

        RecordingPollster recording = new RecordingPollster("m");
        run(50, 5_000, sp(s, entry("m", recording)));
        assertEquals(List.of(List.of("r1", "r3")), recording.calls);

        assertEquals(1, blacklists.clear("s", null));
        RecordingPollster afterClear = new RecordingPollster("m");
        run(50, 5_000, sp(s, entry("m", afterClear)));
        assertEquals(List.of(List.of("r1", "r2", "r3")), afterClear.calls);
    }

    @Test
    void stampsEverySampleOfACallWithOneNaiveUtcTimestamp() throws Exception {
        RecordingPollster p = new RecordingPollster("m");
        run(50, 5_000, sp(source("s", 60, List.of("m"), List.of("r1", "r2"), List.of()), entry("m", p)));
        for (Map<String, Object> m : out.messages()) {
            assertEquals("2024-05-06T07:08:09.123456", m.get("timestamp"));
        }
    }

    @Test
    void batchesByBatchSizeAndNeverMixesCalls() throws Exception {
        List<String> seven = List.of("1", "2", "3", "4", "5", "6", "7");
        run(3, 5_000, sp(source("s", 60, List.of("m"), seven, List.of()), entry("m", new RecordingPollster("m"))));
        assertEquals(List.of(3, 3, 1), out.sizes());

        out.batches.clear();
        run(0, 5_000, sp(source("s", 60, List.of("m", "n"), List.of("1", "2"), List.of()),
                entry("m", new RecordingPollster("m")), entry("n", new RecordingPollster("n"))));
        assertEquals(List.of(1, 1, 1, 1), out.sizes());
        out.batches.forEach(b -> assertEquals(b.pollster(), b.messages().get(0).get("counter_name")));
    }

    @Test
    void aFailingPollsterNeverStopsTheOthersAndKeepsItsPartialBatch() throws Exception {
        Pollster failing = (ctx, resources, sink) -> {
            for (int i = 0; i < 5; i++) {
                sink.accept(sample("bad", resources.get(0), i));
            }
            throw new IllegalStateException("boom");
        };
        RecordingPollster good = new RecordingPollster("good");
        CycleReport r = run(3, 5_000, sp(source("s", 60, List.of("*"), List.of("r1"), List.of()),
                entry("bad", failing), entry("good", good)));
        assertEquals(1, r.errors());
        assertEquals(List.of("r1"), good.polledIds());
        long bad = out.messages().stream().filter(m -> m.get("counter_name").equals("bad")).count();
        assertEquals(5, bad, "Ceilometer drops the partial batch of 2; Alidade publishes all 5");
    }

    @Test
    void abandonsAPollsterAtItsTimeLimitDropsItsLateSamplesAndDoesNotStartItAgainWhileItRuns()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Pollster hanging = (ctx, resources, sink) -> {
            started.incrementAndGet();
            sink.accept(sample("slow", resources.get(0), "early"));
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignoredToSimulateAnUncooperativePollster) {
                    // keeps hanging: the engine must cope with pollsters that ignore interrupts
                }
            }
            sink.accept(sample("slow", resources.get(0), "late"));
        };
        RecordingPollster good = new RecordingPollster("good");
        PollingPlan.SourcePollsters s = sp(source("s", 60, List.of("*"), List.of("r1"), List.of()),
                entry("slow", hanging), entry("good", good));

        CycleReport first = run(50, 300, s);
        assertEquals(1, first.timeouts());
        assertEquals(List.of("r1"), good.polledIds());
        assertTrue(out.messages().stream().anyMatch(m -> "early".equals(m.get("counter_volume"))),
                "samples produced before the time limit are published");

        CycleReport second = run(50, 300, s);
        assertEquals(1, second.skipped());
        assertEquals(1, started.get(), "never started again while its previous call runs");
        assertEquals(List.of("r1", "r1"), good.polledIds());

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats.lateSamples.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, stats.lateSamples.get());
        assertTrue(out.messages().stream().noneMatch(m -> "late".equals(m.get("counter_volume"))));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.running("pollster:s/slow") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        run(50, 300, s);
        assertEquals(2, started.get(), "runs again once its previous call has returned");
    }

    @Test
    void aHangingDiscoveryCostsAtMostItsTimeLimit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        discoveries.put("stuck", Fixtures.discovery("stuck", (ctx, param) -> {
            never.await();
            return List.of();
        }));
        RecordingPollster p = new RecordingPollster("m");
        CycleReport r = run(50, 200, sp(source("s", 60, List.of("m"), List.of("r1"), List.of("stuck")),
                entry("m", p)));
        assertEquals(List.of("r1"), p.polledIds());
        assertEquals(1, stats.timeouts.get());
        assertEquals(1, r.calls());
        never.countDown();
    }

    @Test
    void anUnknownDiscoveryFindsNothingAndTheCycleGoesOn() throws Exception {
        RecordingPollster p = new RecordingPollster("m");
        run(50, 5_000, sp(source("s", 60, List.of("m"), List.of("r1"), List.of("nope:x")), entry("m", p)));
        assertEquals(List.of("r1"), p.polledIds());
    }

    @Test
    void sharesOneCacheAcrossThePollstersOfACycle() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        List<PollsterEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "m" + i;
            entries.add(entry(name, (ctx, resources, sink) -> {
                int v = ctx.cached("inspect", () -> {
                    loads.incrementAndGet();
                    return 42;
                });
                sink.accept(sample(name, resources.get(0), v));
            }));
        }
        run(50, 5_000, new PollingPlan.SourcePollsters(source("s", 60, List.of("*"), List.of("r"), List.of()),
                entries));
        assertEquals(1, loads.get());
        assertEquals(6, out.messages().size());
        out.messages().forEach(m -> assertEquals(42, m.get("counter_volume")));
    }

    @Test
    void keepsOnlyTheResourcesThePartitionerGivesThisAgentPerGroup() throws Exception {
        List<String> groupsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        partitioner = new org.alidade.api.Partitioner() {
            @Override
            public void join(java.util.Set<String> groups) {
            }

            @Override
            public List<Resource> owned(String group, List<Resource> resources) {
                groupsAsked.add(group);
                return resources.stream().filter(r -> r.id().endsWith("1") || r.id().endsWith("3")).toList();
            }
        };
        discoveryReturning("nodes", "n1", "n2", "n3");
        RecordingPollster p = new RecordingPollster("m");
        run(50, 5_000, sp(source("s", 60, List.of("m"), List.of("r1", "r2"), List.of("nodes")), entry("m", p)));
        assertEquals(List.of(List.of("r1", "n1", "n3")), p.calls);
        assertEquals(List.of(PollingPlan.staticGroup(List.of("r2", "r1")), "global"), groupsAsked);
    }

    @Test
    void aFailingPartitionerMeansPollingEverythingRatherThanNothing() throws Exception {
        partitioner = new org.alidade.api.Partitioner() {
            @Override
            public void join(java.util.Set<String> groups) {
            }

            @Override
            public List<Resource> owned(String group, List<Resource> resources) {
                throw new IllegalStateException("no ring yet");
            }
        };
        RecordingPollster p = new RecordingPollster("m");
        run(50, 5_000, sp(source("s", 60, List.of("m"), List.of("r1", "r2"), List.of()), entry("m", p)));
        assertEquals(List.of(List.of("r1", "r2")), p.calls);
    }
}
