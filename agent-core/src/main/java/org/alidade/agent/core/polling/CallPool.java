package org.alidade.agent.core.polling;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs pollster and discovery calls with a bound on how many run at once and a time limit
 * each (the idea of Felix HC's executor).
 *
 * <ul>
 * <li>At most {@code threads} live calls; a call past its time limit is abandoned: its permit
 * goes back, its thread is interrupted, and whoever waits on it moves on. A thread that ignores
 * the interrupt stays busy, but only with that call: a hung pollster costs one thread, not the
 * pool.</li>
 * <li>A call whose key (source/pollster) still runs from an earlier cycle is not started again
 * ({@link #submit} returns {@code null}), so a hung pollster never piles up threads.</li>
 * </ul>
 */
final class CallPool {

    /** How a call ended, as seen by the one waiting for it. */
    enum Outcome { DONE, TIMED_OUT }

    /** The body of a call; exceptions are the body's business (it logs and counts them). */
    interface Body {
        void run() throws Exception;
    }

    /** A semaphore whose size can shrink too (reducePermits is protected). */
    private static final class Permits extends Semaphore {
        private static final long serialVersionUID = 1L;

        Permits(int n) {
            super(n, true);
        }

        void shrink(int by) {
            reducePermits(by);
        }
    }

    private final Permits permits;
    private int maxLiveCalls;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    CallPool(int maxLiveCalls, ScheduledExecutorService timer) {
        this.permits = new Permits(maxLiveCalls);
        this.maxLiveCalls = maxLiveCalls;
        this.timer = timer;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "alidade-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a call, waiting for a free slot first.
     *
     * @param onAbandon runs (on the timer thread) when the limit passes before the call ends
     * @return settled when the call ends or is abandoned; {@code null} if {@code key} still runs
     */
    CompletableFuture<Outcome> submit(String key, Body body, long limitMillis, Runnable onAbandon)
            throws InterruptedException {
        if (!inFlight.add(key)) {
            return null;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            inFlight.remove(key);
            throw e;
        }
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<Thread> runner = new AtomicReference<>();
        Object interruptLock = new Object(); // an abandon interrupt must never leak into the thread's next call
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        threads.execute(() -> {
            runner.set(Thread.currentThread());
            try {
                body.run();
            } catch (Exception | LinkageError e) {
                // the body reports its own failures; this is the last line of defence
                org.slf4j.LoggerFactory.getLogger(CallPool.class).error("call {} failed: {}", key, e.toString());
            } finally {
                synchronized (interruptLock) {
                    runner.set(null);
                    Thread.interrupted();
                }
                inFlight.remove(key);
            }
            if (settled.compareAndSet(false, true)) {
                permits.release();
                result.complete(Outcome.DONE);
            }
        });
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                try {
                    onAbandon.run();
                } finally {
                    permits.release();
                    synchronized (interruptLock) {
                        Thread t = runner.get();
                        if (t != null) {
                            t.interrupt();
                        }
                    }
                    result.complete(Outcome.TIMED_OUT);
                }
            }
        }, limitMillis, TimeUnit.MILLISECONDS);
        // the deadline task holds the call (and through it the cycle's cache): drop it when the call ends
        result.whenComplete((outcome, e) -> deadline.cancel(false));
        return result;
    }

    /** Changes how many calls may run at once; running calls are not disturbed. */
    synchronized void setMaxLiveCalls(int n) {
        if (n > maxLiveCalls) {
            permits.release(n - maxLiveCalls);
        } else if (n < maxLiveCalls) {
            permits.shrink(maxLiveCalls - n);
        }
        maxLiveCalls = n;
    }

    /** Whether a call with that key is running (possibly abandoned). */
    boolean running(String key) {
        return inFlight.contains(key);
    }

    void shutdown() {
        threads.shutdownNow();
    }
}
