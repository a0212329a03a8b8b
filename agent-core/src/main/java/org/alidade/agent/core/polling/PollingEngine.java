package org.alidade.agent.core.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.alidade.agent.core.config.PollingSource;
import org.alidade.agent.core.config.SourceRegistry;
import org.alidade.api.Partitioner;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.api.SampleBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling engine: holds the pollsters, discoveries and sources, re-plans when any of them
 * changes, and runs one job per interval (reference §1.6–1.7).
 *
 * <p>Re-planning is debounced (a burst of changes gives one plan), computed by the pure
 * {@link PlanBuilder} on the engine's own thread and swapped in atomically. Intervals that stay
 * keep their schedule, counters and blacklists and pick up the new plan at their next cycle;
 * new intervals run at once; removed intervals stop after their running cycle.
 *
 * <p>Scheduling is upstream's "last started": first run immediately, next run at the previous
 * start + interval, never overlapping itself; a cycle that overruns is counted and logged and
 * the next starts when it ends (no catch-up).
 */
public final class PollingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PollingEngine.class);

    private final SourceRegistry sources;
    private final MessageFactory messages;
    private final Consumer<SampleBatch> out;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<Long, PollsterEntry> pollsters = new HashMap<>();
    private final Map<Long, DiscoveryEntry> discoveries = new HashMap<>();
    private final Map<Integer, Job> jobs = new HashMap<>();
    private volatile EngineSettings settings;
    private volatile PollingPlan plan = PollingPlan.EMPTY;
    private final Blacklists blacklists = new Blacklists();
    private final Map<Integer, IntervalStats> stats = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    private final ScheduledExecutorService timer;
    private final ExecutorService planner;
    private final ExecutorService cycles;
    private final CallPool pool;
    private final Runnable sourceListener = this::requestReplan;

    private long firstChange;
    private long lastChange;
    private ScheduledFuture<?> pendingReplan;
    private boolean stopped;
    private int plansUnderWay;
    private volatile boolean scheduling = true;
    private volatile Partitioner partitioner = PollingCycle.ALL;

    public PollingEngine(EngineSettings settings, SourceRegistry sources, MessageFactory messages,
            Consumer<SampleBatch> out, Clock clock) {
        this.settings = settings;
        this.sources = sources;
        this.messages = messages;
        this.out = out;
        this.clock = clock;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("alidade-timer"));
        timer.setRemoveOnCancelPolicy(true); // cancelled call deadlines must not keep their cycles alive
        this.timer = timer;
        this.planner = Executors.newSingleThreadExecutor(daemon("alidade-planner"));
        this.cycles = Executors.newCachedThreadPool(daemon("alidade-cycle"));
        this.pool = new CallPool(settings.threads(), timer);
        sources.addListener(sourceListener);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // --- inputs -------------------------------------------------------------------------

    public void addPollster(PollsterEntry p) {
        synchronized (lock) {
            pollsters.put(p.serviceId(), p);
        }
        requestReplan();
    }

    public void removePollster(long serviceId) {
        boolean removed;
        synchronized (lock) {
            removed = pollsters.remove(serviceId) != null;
        }
        if (removed) {
            requestReplan();
        }
    }

    public void addDiscovery(DiscoveryEntry d) {
        synchronized (lock) {
            discoveries.put(d.serviceId(), d);
        }
        requestReplan();
    }

    public void removeDiscovery(long serviceId) {
        boolean removed;
        synchronized (lock) {
            removed = discoveries.remove(serviceId) != null;
        }
        if (removed) {
            requestReplan();
        }
    }

    /** Sets the workload partitioner, or {@code null} for none (poll everything); re-plans so it joins the groups. */
    public void setPartitioner(Partitioner p) {
        partitioner = p == null ? PollingCycle.ALL : p;
        requestReplan();
    }

    public void configure(EngineSettings newSettings) {
        EngineSettings old = settings;
        settings = newSettings;
        pool.setMaxLiveCalls(newSettings.threads());
        if (!old.namespaces().equals(newSettings.namespaces())) {
            requestReplan();
        }
    }

    // --- planning -----------------------------------------------------------------------

    /** Schedules a re-plan once changes have been quiet for the replan delay (at most 10 delays). */
    public void requestReplan() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            lastChange = now;
            if (pendingReplan == null) {
                firstChange = now;
                pendingReplan = timer.schedule(this::replanWhenQuiet, settings.replanDelayMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void replanWhenQuiet() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            long delay = TimeUnit.MILLISECONDS.toNanos(settings.replanDelayMillis());
            long now = System.nanoTime();
            long quietFor = now - lastChange;
            if (quietFor < delay && now - firstChange < 10 * delay) {
                pendingReplan = timer.schedule(this::replanWhenQuiet, delay - quietFor, TimeUnit.NANOSECONDS);
                return;
            }
            pendingReplan = null;
            plansUnderWay++;
        }
        planner.execute(() -> {
            try {
                replanNow();
            } finally {
                synchronized (lock) {
                    plansUnderWay--;
                }
            }
        });
    }

    /** Builds and installs a plan now (the engine's thread, or a test's). */
    public PollingPlan replanNow() {
        List<PollsterEntry> ps;
        List<DiscoveryEntry> ds;
        synchronized (lock) {
            ps = new ArrayList<>(pollsters.values());
            ds = new ArrayList<>(discoveries.values());
        }
        List<PollingSource> inForce = sources.inForce();
        PollingPlan next = PlanBuilder.build(generation.incrementAndGet(), ps, ds, inForce, settings.namespaces());
        install(next, inForce);
        return next;
    }

    private void install(PollingPlan next, List<PollingSource> inForce) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            plan = next;
            Set<String> names = new HashSet<>();
            inForce.forEach(s -> names.add(s.name()));
            blacklists.retainSources(names);
            for (Integer interval : new ArrayList<>(jobs.keySet())) {
                if (!next.tasks().containsKey(interval)) {
                    jobs.remove(interval).cancel();
                    stats.remove(interval);
                    LOG.info("interval {}s removed from the plan", interval);
                }
            }
            for (Integer interval : next.tasks().keySet()) {
                if (scheduling && !jobs.containsKey(interval)) {
                    Job job = new Job(interval);
                    jobs.put(interval, job);
                    stats.computeIfAbsent(interval, IntervalStats::new);
                    job.scheduleIn(0);
                    LOG.info("interval {}s added to the plan", interval);
                }
            }
        }
        try {
            partitioner.join(next.groups());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("partitioner could not join groups {}: {}", next.groups(), e.toString());
        }
        LOG.info("plan #{}: {}", next.generation(), describe(next));
    }

    static String describe(PollingPlan plan) {
        if (plan.tasks().isEmpty()) {
            return "nothing to poll";
        }
        StringBuilder sb = new StringBuilder();
        plan.tasks().forEach((interval, task) -> task.sources().forEach(sp -> sb.append(sb.length() > 0 ? "; " : "")
                .append(interval).append("s ").append(sp.source().name()).append(' ')
                .append(sp.pollsters().stream().map(PollsterEntry::name).distinct().toList())));
        return sb.toString();
    }

    /**
     * Turns the schedule off (one-shot mode: the plan is built, nothing runs by itself) or on.
     * Call before the first plan.
     */
    public void setScheduling(boolean on) {
        scheduling = on;
    }

    /** Whether nothing has changed for {@code quietMillis} and every requested plan is in force. */
    public boolean settled(long quietMillis) {
        synchronized (lock) {
            return pendingReplan == null && plansUnderWay == 0
                    && System.nanoTime() - lastChange >= TimeUnit.MILLISECONDS.toNanos(quietMillis);
        }
    }

    // --- running ------------------------------------------------------------------------

    private PollingCycle.Environment environment(PollingPlan p) {
        EngineSettings s = settings;
        return new PollingCycle.Environment(pool, p.discoveries()::get, blacklists, messages, out, clock, s.host(),
                s.batchSize(), s.timeoutMillis(), partitioner, "");
    }

    /**
     * Polls now, outside the schedule (one-shot polling): every task of the plan in force, or only
     * the given source and/or pollster name. Blacklists apply; the schedule's counters are not
     * touched. Runs on the caller's thread, one interval after the other.
     *
     * @param source a source name, or {@code null} for all
     * @param meter  a pollster name, or {@code null} for all
     * @param out    where the batches go: the sinks, or the caller for a dry run
     */
    public List<CycleReport> pollNow(String source, String meter, Consumer<SampleBatch> out)
            throws InterruptedException {
        PollingPlan p = plan;
        List<CycleReport> reports = new ArrayList<>();
        for (PollingPlan.Task task : p.tasks().values()) {
            List<PollingPlan.SourcePollsters> chosen = new ArrayList<>();
            for (PollingPlan.SourcePollsters sp : task.sources()) {
                if (source != null && !source.equals(sp.source().name())) {
                    continue;
                }
                List<PollsterEntry> ps = sp.pollsters().stream()
                        .filter(e -> meter == null || meter.equals(e.name())).toList();
                if (!ps.isEmpty()) {
                    chosen.add(new PollingPlan.SourcePollsters(sp.source(), ps));
                }
            }
            if (!chosen.isEmpty()) {
                PollingCycle.Environment env = environment(p);
                env = new PollingCycle.Environment(env.pool(), env.discoveries(), env.blacklists(), env.messages(),
                        out, env.clock(), env.host(), env.batchSize(), env.timeoutMillis(), env.partitioner(),
                        "once:"); // a one-shot call never waits for, nor is skipped by, the schedule's own
                reports.add(new PollingCycle(new PollingPlan.Task(task.interval(), chosen), env,
                        new IntervalStats(task.interval())).run());
            }
        }
        return reports;
    }

    /** One interval's schedule. */
    private final class Job implements Runnable {
        private final int interval;
        private ScheduledFuture<?> next;
        private boolean cancelled;

        Job(int interval) {
            this.interval = interval;
        }

        /** Caller holds {@code lock}. */
        void scheduleIn(long millis) {
            next = timer.schedule(() -> cycles.execute(this), millis, TimeUnit.MILLISECONDS);
        }

        /** Caller holds {@code lock}; a running cycle finishes, no further one starts. */
        void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        @Override
        public void run() {
            PollingPlan p = plan;
            PollingPlan.Task task = p.tasks().get(interval);
            IntervalStats st = stats.computeIfAbsent(interval, IntervalStats::new);
            long start = System.nanoTime();
            long samples = 0;
            synchronized (lock) {
                if (cancelled || task == null) {
                    return;
                }
            }
            st.started(clock.instant());
            try {
                CycleReport r = new PollingCycle(task, environment(p), st).run();
                samples = r.samples();
                LOG.info("cycle {}s: {} calls, {} samples, {} errors, {} timed out, {} skipped in {} ms", interval,
                        r.calls(), r.samples(), r.errors(), r.timeouts(), r.skipped(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                st.errors.incrementAndGet();
                LOG.error("cycle {}s failed: {}", interval, e.toString(), e);
            } finally {
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                st.finished(tookMs, samples);
                long intervalMs = interval * 1000L;
                if (tookMs > intervalMs) {
                    st.overruns.incrementAndGet();
                    LOG.warn("cycle {}s overran its interval: took {} ms; the next starts now", interval, tookMs);
                }
                synchronized (lock) {
                    if (!cancelled && !stopped) {
                        scheduleIn(Math.max(0, intervalMs - tookMs));
                    }
                }
            }
        }
    }

    // --- views ---------------------------------------------------------------------------

    public PollingPlan plan() {
        return plan;
    }

    public SortedMap<Integer, SortedMap<String, List<String>>> planView() {
        SortedMap<Integer, SortedMap<String, List<String>>> view = new TreeMap<>();
        plan.tasks().forEach((interval, task) -> {
            SortedMap<String, List<String>> bySource = new TreeMap<>();
            task.sources().forEach(sp -> bySource.put(sp.source().name(),
                    sp.pollsters().stream().map(PollsterEntry::name).distinct().sorted().toList()));
            view.put(interval, bySource);
        });
        return view;
    }

    public List<IntervalStatus> intervals() {
        List<IntervalStatus> list = new ArrayList<>();
        new TreeMap<>(stats).forEach((i, s) -> list.add(s.snapshot()));
        return list;
    }

    public List<PollsterEntry> pollsters() {
        synchronized (lock) {
            return pollsters.values().stream().sorted(Comparator.comparing(PollsterEntry::name)).toList();
        }
    }

    public List<DiscoveryEntry> discoveries() {
        synchronized (lock) {
            return discoveries.values().stream().sorted(Comparator.comparing(DiscoveryEntry::name)).toList();
        }
    }

    public SortedMap<String, List<String>> blacklist() {
        return blacklists.snapshot();
    }

    public int clearBlacklist(String source, String pollster) {
        return blacklists.clear(source, pollster);
    }

    public long planGeneration() {
        return plan.generation();
    }

    /** The partitioner's status; empty when there is none. */
    public Map<String, Object> partitioning() {
        Partitioner p = partitioner;
        if (p == PollingCycle.ALL) {
            return Map.of();
        }
        Map<String, Object> out = new TreeMap<>();
        try {
            p.status().forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            out.put("status_error", e.toString());
        }
        return out;
    }

    public SourceRegistry sources() {
        return sources;
    }

    public EngineSettings settings() {
        return settings;
    }

    // --- lifecycle ----------------------------------------------------------------------

    /** Stops scheduling, lets running cycles end (bounded wait), abandons the rest. */
    public void stop(long waitMillis) {
        synchronized (lock) {
            stopped = true;
            jobs.values().forEach(Job::cancel);
            jobs.clear();
        }
        sources.removeListener(sourceListener);
        planner.shutdownNow();
        cycles.shutdown();
        try {
            if (!cycles.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("cycles still running after {} ms at stop; abandoning them", waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cycles.shutdownNow();
        pool.shutdown();
        timer.shutdownNow();
    }
}
