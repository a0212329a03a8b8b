package org.alidade.agent.core.sink;

import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's queue and delivery thread. When the queue is full the oldest batch is dropped,
 * counted and logged: polling never waits for a sink. Sinks that must not lose data (the AMQP
 * publisher) accept quickly into a spool of their own.
 */
final class SinkWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final SampleSink sink;
    private final String name;
    private final LinkedBlockingDeque<SampleBatch> queue;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Batches offered and not yet published, failed or dropped. */
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closing;

    SinkWorker(SampleSink sink, String name, int capacity) {
        this.sink = sink;
        this.name = name;
        this.queue = new LinkedBlockingDeque<>(capacity);
        this.thread = new Thread(this::run, "alidade-sink-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void offer(SampleBatch batch) {
        pending.incrementAndGet();
        while (!queue.offerLast(batch)) {
            SampleBatch old = queue.pollFirst();
            if (old != null) {
                pending.decrementAndGet();
                long n = dropped.addAndGet(old.size());
                LOG.error("sink {} is not keeping up: dropped the oldest batch of {} samples ({} dropped so far)",
                        name, old.size(), n);
            }
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            SampleBatch batch;
            try {
                batch = queue.pollFirst(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (batch == null) {
                continue;
            }
            try {
                sink.publish(batch);
                published.addAndGet(batch.size());
            } catch (Exception | LinkageError e) {
                long n = failed.addAndGet(batch.size());
                LOG.error("sink {} failed to take a batch of {} samples of {}/{} ({} failed so far): {}", name,
                        batch.size(), batch.source(), batch.pollster(), n, e.toString());
            } finally {
                pending.decrementAndGet();
            }
        }
        try {
            sink.flush();
        } catch (Exception | LinkageError e) {
            LOG.error("sink {} failed to flush: {}", name, e.toString());
        }
    }

    /** Whether every batch offered so far has been handed to the sink (or dropped). */
    boolean idle() {
        return pending.get() == 0;
    }

    void close(long timeoutMillis) {
        closing = true;
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("sink {} did not finish within {} ms; {} batches left undelivered", name, timeoutMillis,
                    queue.size());
        }
    }

    SinkStatus status() {
        long backlog = 0;
        for (SampleBatch b : queue) {
            backlog += b.size();
        }
        Map<String, Object> details;
        try {
            Map<String, Object> h = new java.util.TreeMap<>();
            sink.health().forEach((k, v) -> {
                if (k != null && v != null) {
                    h.put(k, v);
                }
            });
            details = java.util.Collections.unmodifiableMap(h);
        } catch (RuntimeException | LinkageError e) {
            details = Map.of("health_error", e.toString());
        }
        return new SinkStatus(name, backlog, published.get(), failed.get(), dropped.get(), details);
    }
}
