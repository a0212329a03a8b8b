package org.alidade.agent.core.polling;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.alidade.api.PollingAgent.IntervalStatus;

/** The counters of one interval; survive re-plans while the interval stays. */
final class IntervalStats {

    final int interval;
    final AtomicLong cycles = new AtomicLong();
    final AtomicLong samples = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong overruns = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong lateSamples = new AtomicLong();
    private volatile Instant lastStart;
    private volatile long lastDurationMs;
    private volatile long lastSamples;

    IntervalStats(int interval) {
        this.interval = interval;
    }

    void started(Instant start) {
        lastStart = start;
    }

    void finished(long durationMs, long samplesOfCycle) {
        lastDurationMs = durationMs;
        lastSamples = samplesOfCycle;
        cycles.incrementAndGet();
    }

    IntervalStatus snapshot() {
        Instant s = lastStart;
        return new IntervalStatus(interval, s == null ? null : s.toString(), lastDurationMs, lastSamples, cycles.get(),
                samples.get(), errors.get(), overruns.get(), timeouts.get(), skipped.get(), lateSamples.get());
    }
}
