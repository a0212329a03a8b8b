package org.alidade.it.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.it.felix.RunningAgent;

/**
 * Watches the engine's interval counters in the background while a test changes things, and
 * remembers what must never happen: an interval that should stay leaving the plan or having its
 * counters reset (a lost schedule), or any failed pollster or discovery call.
 */
final class IntervalWatch implements AutoCloseable {

    private final RunningAgent agent;
    private final Set<Integer> mustStay;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interval-watch");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, Long> cycles = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    private IntervalWatch(RunningAgent agent, Set<Integer> mustStay) {
        this.agent = agent;
        this.mustStay = Set.copyOf(mustStay);
    }

    /** Starts watching; the intervals in {@code mustStay} must be in the plan from now on. */
    static IntervalWatch start(RunningAgent agent, Set<Integer> mustStay) {
        IntervalWatch w = new IntervalWatch(agent, mustStay);
        w.observe();
        w.timer.scheduleWithFixedDelay(w::observe, 20, 20, TimeUnit.MILLISECONDS);
        return w;
    }

    private synchronized void observe() {
        Map<Integer, IntervalStatus> now = new HashMap<>();
        try {
            agent.intervals().forEach(s -> now.put(s.interval(), s));
        } catch (RuntimeException | AssertionError e) {
            violations.add("intervals() failed: " + e);
            return;
        }
        for (int interval : mustStay) {
            if (!now.containsKey(interval)) {
                violations.add("interval " + interval + "s left the plan");
            }
        }
        now.forEach((interval, s) -> {
            Long before = cycles.put(interval, s.cycles());
            if (mustStay.contains(interval) && before != null && s.cycles() < before) {
                violations.add("interval " + interval + "s restarted its counters: cycles " + before + " -> " + s.cycles());
            }
            if (s.errors() != 0 || s.timeouts() != 0) {
                violations.add("interval " + interval + "s has failed calls: " + s);
            }
        });
    }

    /** What went wrong so far (an empty list when all is well); at least one more observation is made first. */
    synchronized List<String> violations() {
        observe();
        return violations.stream().distinct().toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
