package org.alidade.agent.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aStuckSinkNeitherBlocksTheCallerNorTheOtherSinks() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        List<SampleBatch> fast = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(3);
        SampleSink blocking = b -> stuck.await();
        fanout.addSink(blocking, "stuck");
        fanout.addSink(fast::add, "fast");
        for (int i = 0; i < 10; i++) {
            fanout.accept(batch(i)); // returns although one sink is stuck: offers never wait for a sink
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fast.size() < i + 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(i + 1, fast.size(), "the other sink keeps receiving");
        }
        SinkStatus st = fanout.status().stream().filter(s -> s.name().equals("stuck")).findFirst().orElseThrow();
        assertTrue(st.dropped() >= 6, "the oldest batches beyond the queue are dropped and counted: " + st);
        assertTrue(st.backlog() <= 3);
        stuck.countDown();
        fanout.close(2_000);
    }

    @Test
    void deliversInOrderAndCountsFailures() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        SinkFanout fanout = new SinkFanout(100);
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
        fanout.close(5_000);
        assertEquals(List.of(0, 1, 2, 4, 5), seen);
    }
}
