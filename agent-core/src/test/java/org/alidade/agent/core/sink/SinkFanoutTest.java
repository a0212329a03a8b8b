package org.alidade.agent.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;
import org.junit.jupiter.api.Test;

class SinkFanoutTest {

    private static SampleBatch batch(int n) {
        return new SampleBatch("s", "p", List.of(Map.of("n", n)));
    }

    private static SampleBatch batchOf(int first, int size) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            messages.add(Map.of("n", first + i));
        }
        return new SampleBatch("s", "p", messages);
    }

    private static SinkStatus status(SinkFanout fanout, String name) {
        return fanout.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(size, list.size());
    }

    @Test
    void aStuckSinkIsShedAndTheOtherSinksKeepReceiving() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        List<SampleBatch> fast = new CopyOnWriteArrayList<>();
        List<SampleBatch> late = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(3, 1_000);
        SampleSink blocking = b -> {
            stuck.await();
            late.add(b);
        };
        fanout.addSink(blocking, "stuck");
        fanout.addSink(fast::add, "fast");
        for (int i = 0; i < 10; i++) {
            fanout.accept(batch(i)); // returns: one bounded wait, then the stuck sink's oldest batches go
            awaitSize(fast, i + 1);
        }
        SinkStatus st = status(fanout, "stuck");
        assertTrue(st.dropped() >= 6, "the oldest batches beyond the queue are dropped and counted: " + st);
        assertTrue(st.backlog() <= 3, "the queue stays within its samples: " + st);
        assertEquals(0, status(fanout, "fast").dropped());
        assertEquals(true, st.details().get("stuck"), "alidade:status shows it: " + st);
        assertEquals(null, status(fanout, "fast").details().get("stuck"));
        stuck.countDown();
        // taking a batch again ends the shedding: what is queued now is delivered, none dropped
        awaitSize(late, 4);
        long before = status(fanout, "stuck").dropped();
        for (int i = 10; i < 20; i++) {
            fanout.accept(batch(i));
        }
        assertTrue(fanout.drain(10_000));
        assertEquals(before, status(fanout, "stuck").dropped());
        assertEquals(null, status(fanout, "stuck").details().get("stuck"), "taking a batch again ends it");
        assertEquals(14, late.size());
        assertEquals(19, late.get(13).messages().get(0).get("n"));
        fanout.close(5_000);
    }

    @Test
    void aSlowSinkIsWaitedForAndLosesNothing() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(10, 10_000); // room for two batches of five
        fanout.addSink(b -> {
            Thread.sleep(20);
            b.messages().forEach(m -> seen.add((Integer) m.get("n")));
        }, "slow");
        for (int i = 0; i < 20; i++) {
            fanout.accept(batchOf(i * 5, 5));
            assertTrue(status(fanout, "slow").backlog() <= 10, "never more queued than sink_queue samples");
        }
        assertTrue(fanout.drain(10_000));
        assertEquals(0, status(fanout, "slow").dropped());
        fanout.close(1_000);
        assertEquals(100, seen.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i), "in order");
        }
    }

    @Test
    void aBatchLargerThanTheQueueStillGoesThrough() throws Exception {
        List<SampleBatch> seen = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(2, 1_000);
        fanout.addSink(seen::add, "small");
        fanout.accept(batchOf(0, 7));
        fanout.accept(batchOf(7, 7));
        assertTrue(fanout.drain(10_000));
        assertEquals(2, seen.size());
        assertEquals(0, status(fanout, "small").dropped());
        fanout.close(1_000);
    }

    @Test
    void deliversInOrderAndCountsFailures() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(100, 1_000);
        fanout.addSink(b -> {
            int n = (Integer) b.messages().get(0).get("n");
            if (n == 3) {
                throw new IllegalStateException("refused");
            }
            seen.add(n);
        }, "picky");
        for (int i = 0; i < 6; i++) {
            fanout.accept(batch(i));
        }
        assertTrue(fanout.drain(10_000));
        assertEquals(List.of(0, 1, 2, 4, 5), seen);
        assertEquals(1, status(fanout, "picky").failed());
        fanout.close(1_000);
    }
}
