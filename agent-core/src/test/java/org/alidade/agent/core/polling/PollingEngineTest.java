package org.alidade.agent.core.polling;

import static org.alidade.agent.core.polling.Fixtures.entry;
import static org.alidade.agent.core.polling.Fixtures.sample;
import static org.alidade.agent.core.polling.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.alidade.agent.core.config.SourceRegistry;
import org.alidade.agent.core.polling.Fixtures.Batches;
import org.alidade.agent.core.polling.Fixtures.RecordingPollster;
import org.alidade.api.Pollster;
import org.alidade.api.PollsterPermanentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingEngineTest {

    private final SourceRegistry sources = new SourceRegistry();
    private final Batches out = new Batches();
    private PollingEngine engine = newEngine(200);

    private PollingEngine newEngine(long replanDelay) {
        return new PollingEngine(new EngineSettings(Set.of(), 50, 5_000, 4, "host-1", replanDelay), sources,
                Fixtures.MESSAGES, out, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        engine.stop(1_000);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private long cycles(int interval) {
        return engine.intervals().stream().filter(s -> s.interval() == interval).mapToLong(s -> s.cycles())
                .findFirst().orElse(0);
    }

    /** A pollster that records the start time of each call. */
    private static final class Timing implements Pollster {
        final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        volatile int maxRunning;
        final long busyMillis;

        Timing(long busyMillis) {
            this.busyMillis = busyMillis;
        }

        @Override
        public void getSamples(org.alidade.api.PollContext c, List<org.alidade.api.Resource> resources,
                java.util.function.Consumer<org.alidade.api.Sample> sink) throws InterruptedException {
            starts.add(System.nanoTime());
            maxRunning = Math.max(maxRunning, running.incrementAndGet());
            try {
                Thread.sleep(busyMillis);
                sink.accept(sample("t", resources.get(0), 1));
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void runsAtOnceThenEveryIntervalFromThePreviousStart() throws Exception {
        Timing t = new Timing(0);
        engine.addPollster(entry("t", t));
        long added = System.nanoTime();
        sources.put("k", source("s", 3, List.of("t"), List.of("r"), List.of()));
        eventually("3 cycles", () -> t.starts.size() >= 3);
        assertTrue(t.starts.get(0) - added < TimeUnit.MILLISECONDS.toNanos(2_500),
                "the first run does not wait for an interval of 3 s");
        for (int i = 1; i < 3; i++) {
            long gap = t.starts.get(i) - t.starts.get(i - 1);
            assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(2_950), "runs no earlier than start + interval: " + gap);
        }
    }

    @Test
    void aCycleThatOverrunsIsCountedAndTheNextNeverOverlapsIt() throws Exception {
        Timing slow = new Timing(1_500);
        engine.addPollster(entry("t", slow));
        sources.put("k", source("s", 1, List.of("t"), List.of("r"), List.of()));
        eventually("3 cycles", () -> cycles(1) >= 3);
        assertEquals(1, slow.maxRunning, "one interval never overlaps itself");
        long overruns = engine.intervals().get(0).overruns();
        assertTrue(overruns >= 2, "overruns counted: " + overruns);
    }

    @Test
    void aBurstOfChangesGivesOnePlan() throws Exception {
        engine.stop(0);
        engine = newEngine(300);
        for (int i = 0; i < 5; i++) {
            engine.addPollster(entry("m" + i, new RecordingPollster("m" + i)));
        }
        sources.put("a", source("a", 60, "m*"));
        sources.put("b", source("b", 120, "m1"));
        eventually("a plan", () -> engine.planGeneration() > 0);
        Thread.sleep(600); // a second plan would have been built by now
        assertEquals(1, engine.planGeneration());
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), engine.planView().get(60).get("a"));
        assertEquals(List.of("m1"), engine.planView().get(120).get("b"));
    }

    @Test
    void intervalsThatRemainKeepTheirScheduleCountersAndBlacklists() throws Exception {
        Pollster refusing = (c, resources, sink) -> {
            throw new PollsterPermanentException(resources, "never");
        };
        engine.addPollster(entry("refusing", refusing));
        RecordingPollster steady = new RecordingPollster("steady");
        engine.addPollster(entry("steady", steady));
        sources.put("a", source("a", 1, List.of("*"), List.of("r1"), List.of()));
        eventually("blacklisted", () -> !engine.blacklist().isEmpty());
        eventually("2 cycles", () -> cycles(1) >= 2);
        long before = cycles(1);

        sources.put("b", source("b", 3600, List.of("steady"), List.of("r9"), List.of()));
        eventually("new interval runs at once", () -> steady.polledIds().contains("r9"));
        assertTrue(cycles(1) >= before, "counters kept");
        assertEquals(List.of("r1"), engine.blacklist().get("a/refusing"));
        eventually("interval 1 still runs", () -> cycles(1) >= before + 2);
    }

    @Test
    void aRemovedIntervalStopsAndANewOneStartsAtOnce() throws Exception {
        RecordingPollster p = new RecordingPollster("m");
        engine.addPollster(entry("m", p));
        sources.put("a", source("a", 1, List.of("m"), List.of("r1"), List.of()));
        eventually("polled", () -> p.polledIds().contains("r1"));
        sources.remove("a");
        eventually("interval gone", () -> engine.planView().isEmpty());
        Thread.sleep(300); // lets a cycle that was running finish
        int calls = p.calls.size();
        Thread.sleep(1_500);
        assertEquals(calls, p.calls.size(), "no cycle after removal");
        assertTrue(engine.intervals().isEmpty());
    }

    @Test
    void aPollsterThatLeavesIsDroppedFromThePlan() throws Exception {
        RecordingPollster p = new RecordingPollster("m");
        PollsterEntry e = entry("m", p);
        engine.addPollster(e);
        engine.addPollster(entry("n", new RecordingPollster("n")));
        sources.put("a", source("a", 60, "*"));
        eventually("both planned", () -> engine.planView().getOrDefault(60, new java.util.TreeMap<>())
                .getOrDefault("a", List.of()).size() == 2);
        engine.removePollster(e.serviceId());
        eventually("m gone", () -> engine.planView().get(60).get("a").equals(List.of("n")));
    }

    @Test
    void oneShotPollingRunsNowAndCanBeNarrowedToASourceAndAMeter() throws Exception {
        engine.addPollster(entry("m", new RecordingPollster("m")));
        engine.addPollster(entry("n", new RecordingPollster("n")));
        sources.put("a", source("a", 3600, List.of("*"), List.of("r1"), List.of()));
        sources.put("b", source("b", 7200, List.of("m"), List.of("r2"), List.of()));
        eventually("the scheduled first cycles are done", () -> cycles(3600) >= 1 && cycles(7200) >= 1);
        Batches dry = new Batches();
        List<CycleReport> all = engine.pollNow(null, null, dry);
        assertEquals(2, all.size());
        assertEquals(3, dry.messages().size());

        Batches narrow = new Batches();
        engine.pollNow("a", "m", narrow);
        assertEquals(List.of("m"), narrow.messages().stream().map(m -> m.get("counter_name")).toList());
        assertEquals(List.of("r1"), narrow.messages().stream().map(m -> m.get("resource_id")).toList());
    }
}
