package org.alidade.agent.core.polling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.alidade.agent.core.config.DiscoveryUrl;
import org.alidade.agent.core.config.Masking;
import org.alidade.agent.core.config.PollingSource;
import org.alidade.api.Partitioner;
import org.alidade.api.PollsterPermanentException;
import org.alidade.api.Resource;
import org.alidade.api.SampleBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one interval's task: Ceilometer's {@code poll_and_notify} (reference §1.8).
 *
 * <p>First, on the cycle's thread and in random source/pollster order as upstream, it works
 * out every call's resources: the source's static resources plus its discoveries, the
 * pollster's default discovery only when those give nothing, all through the per-cycle
 * discovery cache; then de-duplication per pollster name across the task's sources and the
 * blacklist. Doing this before any pollster runs keeps de-duplication exact while the calls
 * then run in parallel on the {@link CallPool}, each with its time limit.
 */
final class PollingCycle {

    private static final Logger LOG = LoggerFactory.getLogger(PollingCycle.class);

    /** Engine-wide things a cycle needs; one instance per engine configuration. */
    record Environment(CallPool pool, Function<String, DiscoveryEntry> discoveries, Blacklists blacklists,
            MessageFactory messages, Consumer<SampleBatch> out, Clock clock, String host, int batchSize,
            long timeoutMillis, Partitioner partitioner, String callKeyPrefix) {
    }

    /** No partitioning: this agent polls everything. */
    static final Partitioner ALL = new Partitioner() {
        @Override
        public void join(java.util.Set<String> groups) {
        }

        @Override
        public List<Resource> owned(String group, List<Resource> resources) {
            return resources;
        }
    };

    private record Call(PollingSource source, PollsterEntry pollster, List<Resource> resources) {
        String key() {
            return source.name() + "/" + pollster.name();
        }
    }

    private final PollingPlan.Task task;
    private final Environment env;
    private final IntervalStats stats;
    private final CycleContext context;
    private final Map<String, List<Resource>> discoveryCache = new HashMap<>();
    private int discoveryErrors;

    PollingCycle(PollingPlan.Task task, Environment env, IntervalStats stats) {
        this.task = task;
        this.env = env;
        this.stats = stats;
        this.context = new CycleContext(env.host());
    }

    CycleReport run() throws InterruptedException {
        List<Call> calls = plan();
        List<CompletableFuture<CallPool.Outcome>> running = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        long[] samples = new long[calls.size()];
        int skipped = 0;
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            int index = i;
            AtomicReference<Object> failure = new AtomicReference<>();
            BatchingEmitter emitter = new BatchingEmitter(call.source().name(), call.pollster().name(),
                    Timestamps.now(env.clock()), env.batchSize(), env.messages(), counting(index, samples),
                    stats.lateSamples);
            CompletableFuture<CallPool.Outcome> f = env.pool().submit(env.callKeyPrefix() + "pollster:" + call.key(),
                    () -> poll(call, emitter, failure), env.timeoutMillis(), () -> abandon(call, emitter));
            if (f == null) {
                skipped++;
                stats.skipped.incrementAndGet();
                LOG.warn("pollster {} of source {} not started: its previous call has not returned yet",
                        call.pollster().name(), call.source().name());
                continue;
            }
            running.add(f);
            results.add(failure);
        }
        int timeouts = 0;
        for (CompletableFuture<CallPool.Outcome> f : running) {
            if (f.join() == CallPool.Outcome.TIMED_OUT) {
                timeouts++;
            }
        }
        int errors = (int) results.stream().filter(r -> r.get() != null).count() + discoveryErrors;
        long total = 0;
        synchronized (samples) {
            for (long s : samples) {
                total += s;
            }
        }
        return new CycleReport(task.interval(), calls.size(), total, errors, timeouts, skipped);
    }

    /** Counts the samples of call {@code index} as its batches go out, even after the cycle has moved on. */
    private Consumer<SampleBatch> counting(int index, long[] samples) {
        return batch -> {
            synchronized (samples) {
                samples[index] += batch.size();
            }
            stats.samples.addAndGet(batch.size());
            env.out().accept(batch);
        };
    }

    private void poll(Call call, BatchingEmitter emitter, AtomicReference<Object> failure) {
        try {
            call.pollster().pollster().getSamples(context, call.resources(), emitter);
        } catch (PollsterPermanentException e) {
            failure.set(e);
            stats.errors.incrementAndGet();
            env.blacklists().add(call.source().name(), call.pollster().name(), e.resources());
            LOG.warn("pollster {} of source {} can never poll {}: blacklisted ({}); clear with alidade:blacklist-clear",
                    call.pollster().name(), call.source().name(), Masking.mask(String.valueOf(e.resources())),
                    Masking.mask(e.getMessage()));
        } catch (InterruptedException e) {
            failure.set(e);
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            failure.set(e);
            stats.errors.incrementAndGet();
            LOG.error("pollster {} of source {} failed on {} resources: {}", call.pollster().name(),
                    call.source().name(), call.resources().size(), Masking.mask(e.toString()));
            LOG.debug("pollster failure", e);
        } finally {
            emitter.close();
        }
    }

    private void abandon(Call call, BatchingEmitter emitter) {
        emitter.close();
        stats.timeouts.incrementAndGet();
        LOG.error("pollster {} of source {} abandoned after its time limit of {} ms; it is not started again "
                + "until that call returns", call.pollster().name(), call.source().name(), env.timeoutMillis());
    }

    /**
     * The calls of this cycle, with their resources, in upstream's random order. A resource goes
     * to at most one call of each pollster name (upstream's poll history), and a call never gets
     * one twice.
     *
     * <p>The calls of a source's pollsters mostly get the same resources: each distinct candidate
     * list is de-duplicated once and then shared by those calls, and a set of what a pollster name
     * was given is made only when a second source has that name. A set per pollster (thirty
     * compute meters over 10 000 instances: 300 000 entries) lived through the planning and was
     * promoted, costing full collections.
     */
    private List<Call> plan() throws InterruptedException {
        Map<String, List<List<Resource>>> given = new HashMap<>(); // pollster name -> the lists its calls got
        Map<List<Resource>, List<Resource>> unique = new java.util.IdentityHashMap<>();
        List<PollingPlan.SourcePollsters> sources = new ArrayList<>(task.sources());
        Collections.shuffle(sources);
        List<Call> calls = new ArrayList<>();
        for (PollingPlan.SourcePollsters sp : sources) {
            PollingSource source = sp.source();
            List<PollsterEntry> pollsters = new ArrayList<>(sp.pollsters());
            Collections.shuffle(pollsters);
            List<Resource> sourceResources = null;
            for (PollsterEntry p : pollsters) {
                if (sourceResources == null) {
                    sourceResources = sourceResources(source);
                }
                List<Resource> candidates = sourceResources;
                if (candidates.isEmpty() && p.defaultDiscovery() != null) {
                    candidates = discover(p.defaultDiscovery());
                }
                List<Resource> distinct = unique.computeIfAbsent(candidates, PollingCycle::distinct);
                List<List<Resource>> before = given.computeIfAbsent(p.name(), n -> new ArrayList<>(1));
                List<Resource> chosen = without(distinct, before, env.blacklists().of(source.name(), p.name()));
                before.add(distinct); // banned ones count as given too, as before
                if (chosen.isEmpty()) {
                    LOG.debug("pollster {} of source {}: no resources this cycle", p.name(), source.name());
                    continue;
                }
                calls.add(new Call(source, p, chosen));
            }
        }
        return calls;
    }

    /** {@code resources} without repeats, in their order: an immutable list (itself when it is one already). */
    private static List<Resource> distinct(List<Resource> resources) {
        Set<Resource> seen = new HashSet<>(Math.max(16, resources.size() * 4 / 3 + 1));
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            if (seen.add(r)) {
                out.add(r);
            }
        }
        return out.size() == resources.size() ? List.copyOf(resources) : List.copyOf(out);
    }

    /** {@code distinct} without what the lists {@code before} hold and without {@code banned}: itself when nothing goes. */
    private static List<Resource> without(List<Resource> distinct, List<List<Resource>> before, Set<Resource> banned) {
        if (before.isEmpty() && banned.isEmpty()) {
            return distinct;
        }
        Set<Resource> drop = new HashSet<>(banned);
        for (List<Resource> l : before) {
            drop.addAll(l);
        }
        List<Resource> out = new ArrayList<>(distinct.size());
        for (Resource r : distinct) {
            if (!drop.contains(r)) {
                out.add(r);
            }
        }
        return out.size() == distinct.size() ? distinct : List.copyOf(out);
    }

    private List<Resource> sourceResources(PollingSource source) throws InterruptedException {
        List<Resource> list = new ArrayList<>();
        if (!source.resources().isEmpty()) {
            List<Resource> statics = source.resources().stream().map(Resource::of).toList();
            list.addAll(owned(PollingPlan.staticGroup(source.resources()), statics));
        }
        for (String url : source.discovery()) {
            list.addAll(discover(url));
        }
        return list;
    }

    /** What the partitioner leaves to this agent; if it fails, everything (rather poll twice than never). */
    private List<Resource> owned(String group, List<Resource> resources) {
        if (resources.isEmpty()) {
            return resources;
        }
        try {
            return env.partitioner().owned(group, resources);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("partitioning of group {} failed, polling all {} resources: {}", group, resources.size(),
                    e.toString());
            return resources;
        }
    }

    /** One discovery URL through the per-cycle cache; failures and unknown names give nothing. */
    private List<Resource> discover(String url) throws InterruptedException {
        List<Resource> cached = discoveryCache.get(url);
        if (cached != null) {
            return cached;
        }
        DiscoveryUrl parsed = DiscoveryUrl.parse(url);
        DiscoveryEntry entry = env.discoveries().apply(parsed.name());
        List<Resource> found = List.of();
        if (entry == null) {
            LOG.warn("no discovery named {} (from {}): it finds nothing", parsed.name(), url);
        } else {
            AtomicReference<List<Resource>> result = new AtomicReference<>(List.of());
            java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
            // keyed per interval: two intervals may discover the same URL at once; only a call of this
            // interval's previous cycle that has not returned blocks a new one
            CompletableFuture<CallPool.Outcome> f = env.pool().submit(env.callKeyPrefix() + "discovery:" + task.interval() + ":" + url, () -> {
                try {
                    List<Resource> r = entry.discovery().discover(context, parsed.param());
                    result.set(r == null ? List.of() : List.copyOf(r));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception | LinkageError e) {
                    stats.errors.incrementAndGet();
                    failed.set(true);
                    LOG.error("discovery {} failed: {}", Masking.mask(url), Masking.mask(e.toString()));
                    LOG.debug("discovery failure", e);
                }
            }, env.timeoutMillis(), () -> {
                stats.timeouts.incrementAndGet();
                LOG.error("discovery {} abandoned after its time limit of {} ms", url, env.timeoutMillis());
            });
            if (f == null) {
                stats.skipped.incrementAndGet();
                LOG.warn("discovery {} not started: its previous call (interval {}s) has not returned yet", url,
                        task.interval());
            } else if (f.join() == CallPool.Outcome.DONE) {
                found = owned(entry.group(), result.get());
                if (failed.get()) {
                    discoveryErrors++;
                }
            } else {
                discoveryErrors++;
            }
        }
        discoveryCache.put(url, found);
        return found;
    }
}
