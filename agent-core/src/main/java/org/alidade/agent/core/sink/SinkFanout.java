package org.alidade.agent.core.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;

/**
 * Hands every batch to every sink: each sink has its own queue, bounded in samples, and thread
 * ({@link SinkWorker}). A slow sink slows polling down to its pace (a bounded wait for room, so
 * nothing is lost and memory stays bounded); a stuck sink is shed (its oldest batches dropped and
 * counted) and delays nobody after its first wait.
 */
public final class SinkFanout implements Consumer<SampleBatch> {

    private final Map<SampleSink, SinkWorker> workers = new ConcurrentHashMap<>();
    private volatile int queueCapacity;
    private volatile long waitMillis;

    /**
     * @param queueCapacity samples queued per sink
     * @param waitMillis    how long an offer waits for room in a full queue before the sink counts
     *                      as stuck and its oldest batch is dropped
     */
    public SinkFanout(int queueCapacity, long waitMillis) {
        this.queueCapacity = queueCapacity;
        this.waitMillis = waitMillis;
    }

    /** New limits, for every sink from now on. */
    public void limits(int queueCapacity, long waitMillis) {
        this.queueCapacity = queueCapacity;
        this.waitMillis = waitMillis;
        for (SinkWorker w : workers.values()) {
            w.limits(queueCapacity, waitMillis);
        }
    }

    public void addSink(SampleSink sink, String name) {
        workers.computeIfAbsent(sink, s -> new SinkWorker(s, name, queueCapacity, waitMillis));
    }

    /** Stops the sink's worker after it has delivered what it holds (bounded wait). */
    public void removeSink(SampleSink sink) {
        SinkWorker w = workers.remove(sink);
        if (w != null) {
            w.close(2_000);
        }
    }

    @Override
    public void accept(SampleBatch batch) {
        for (SinkWorker w : workers.values()) {
            w.offer(batch);
        }
    }

    public List<SinkStatus> status() {
        List<SinkStatus> list = new ArrayList<>();
        for (SinkWorker w : workers.values()) {
            list.add(w.status());
        }
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    /**
     * Waits until every sink has taken every batch offered so far (one-shot mode, shutdown).
     *
     * @return false when the time ran out first
     */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (workers.values().stream().anyMatch(w -> !w.idle())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Delivers what is queued (bounded wait per sink), flushes and stops every worker. */
    public void close(long timeoutMillis) {
        for (SinkWorker w : workers.values()) {
            w.close(timeoutMillis);
        }
        workers.clear();
    }
}
