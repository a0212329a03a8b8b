package org.alidade.agent.core.sink;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's queue and delivery thread. The queue holds at most {@code capacity} samples (a
 * batch larger than that still goes into an empty queue), so memory stays bounded whatever the
 * sink does:
 * <ul>
 *   <li>a slow sink is waited for: a poll that finds the queue full waits up to {@code wait}
 *       for room, so the cycle runs at the sink's pace and nothing is lost;</li>
 *   <li>a stuck sink is shed: once a wait has run out, the oldest batch is dropped (counted and
 *       logged), and later offers drop at once instead of waiting again, until the sink takes a
 *       batch again. Sinks that must not lose data (the AMQP publisher) accept quickly into a
 *       spool of their own.</li>
 * </ul>
 */
final class SinkWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final SampleSink sink;
    private final String name;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<SampleBatch> queue = new ArrayDeque<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Batches offered and not yet published, failed or dropped. */
    private final AtomicLong pending = new AtomicLong();
    private long queued; // samples in the queue (under lock)
    private boolean stalled; // a wait for room ran out, and the sink has taken nothing since (under lock)
    private long droppedBeforeStall; // the dropped count when the stall began (under lock)
    private volatile int capacity;
    private volatile long waitNanos;
    private volatile boolean closing;

    SinkWorker(SampleSink sink, String name, int capacity, long waitMillis) {
        this.sink = sink;
        this.name = name;
        limits(capacity, waitMillis);
        this.thread = new Thread(this::run, "alidade-sink-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void limits(int capacity, long waitMillis) {
        this.capacity = Math.max(1, capacity);
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
    }

    void offer(SampleBatch batch) {
        pending.incrementAndGet();
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (!queue.isEmpty() && queued + batch.size() > capacity) {
                long left = deadline - System.nanoTime();
                if (stalled || left <= 0 || closing) {
                    if (!stalled) {
                        stalled = true;
                        droppedBeforeStall = dropped.get();
                        LOG.error("sink {} took no batch in {} ms with its queue full ({} samples): dropping the "
                                + "oldest batches until it takes one again", name,
                                TimeUnit.NANOSECONDS.toMillis(waitNanos), queued);
                    }
                    dropOldest();
                    continue;
                }
                try {
                    notFull.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the call was abandoned: queue the batch all the same
                    break;
                }
            }
            queue.addLast(batch);
            queued += batch.size();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void dropOldest() {
        SampleBatch old = queue.pollFirst();
        queued -= old.size();
        pending.decrementAndGet();
        long n = dropped.addAndGet(old.size());
        // said once per stall (above, and when the sink takes batches again), not once per batch
        LOG.debug("sink {}: dropped the oldest batch of {} samples of {}/{} ({} dropped so far)",
                name, old.size(), old.source(), old.pollster(), n);
    }

    private SampleBatch take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                notEmpty.await();
            }
            SampleBatch batch = queue.pollFirst();
            queued -= batch.size();
            if (stalled) {
                stalled = false;
                LOG.warn("sink {} takes batches again; {} samples were dropped meanwhile", name,
                        dropped.get() - droppedBeforeStall);
            }
            notFull.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            SampleBatch batch;
            try {
                batch = take();
            } catch (InterruptedException e) {
                break;
            }
            if (batch == null) {
                break;
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
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("sink {} did not finish within {} ms; {} batches left undelivered", name, timeoutMillis,
                    queueSize());
        }
    }

    private int queueSize() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    SinkStatus status() {
        long backlog;
        boolean stuck;
        lock.lock();
        try {
            backlog = queued;
            stuck = stalled;
        } finally {
            lock.unlock();
        }
        Map<String, Object> details = new java.util.TreeMap<>();
        try {
            sink.health().forEach((k, v) -> {
                if (k != null && v != null) {
                    details.put(k, v);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            details.clear();
            details.put("health_error", e.toString());
        }
        if (stuck) {
            details.put("stuck", true); // shed: its oldest batches are dropped until it takes one again
        }
        return new SinkStatus(name, backlog, published.get(), failed.get(), dropped.get(),
                java.util.Collections.unmodifiableMap(details));
    }
}
