package org.alidade.coordination.partition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.alidade.api.Partitioner;
import org.alidade.api.Resource;
import org.alidade.coordination.partition.PartitionView.Decision;
import org.alidade.coordination.partition.PartitionView.State;
import org.alidade.coordination.ring.HashRing;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Partitioner} over ZooKeeper: joins the plan's groups as an ephemeral member (through
 * its {@link Membership}, on a worker thread) and answers {@link #owned} from the immutable
 * {@link PartitionView} in force alone, never from ZooKeeper. Only for a group whose membership
 * is not known yet (a first cycle, a new source) does owned() wait for a newer view, at most the
 * connection timeout; then, as whenever there is no membership to go by, the fallback applies.
 */
public final class Coordinator implements Partitioner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    /** What owned() last returned for a group. */
    public record Share(int owned, int total, Instant at) {
    }

    private final Settings settings;
    private final String member;
    private final Supplier<Collection<String>> namespaces;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final CuratorFramework client;
    private final Membership membership;
    private final Object monitor = new Object();
    private volatile PartitionView view;
    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private final AtomicLong fallbackCalls = new AtomicLong();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private volatile String prefix;
    private volatile boolean closed;

    /**
     * Starts connecting (in the background) and returns at once.
     *
     * @throws IllegalArgumentException when the ZooKeeper client refuses the connect string
     *
     * @param member     this agent's member id, unique among the agents of a group
     * @param memberData stored with the member in ZooKeeper, for people (e.g. the host)
     * @param namespaces the agent's namespaces, read at every {@link #join}
     */
    public Coordinator(Settings settings, String member, String memberData, Supplier<Collection<String>> namespaces,
            Clock clock) {
        this.settings = settings;
        this.member = member;
        this.namespaces = namespaces;
        this.clock = clock;
        this.prefix = GroupNames.prefix(namespaces.get(), settings.groupPrefix());
        this.view = new PartitionView(State.STARTING, clock.instant(),
                System.nanoTime() + settings.connectionTimeout().toNanos(), Map.of(), Map.of(), null);
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("alidade-coordination"));
        this.client = CuratorFrameworkFactory.builder()
                .connectString(settings.connect().value())
                .sessionTimeoutMs(millis(settings.sessionTimeout()))
                .connectionTimeoutMs(millis(settings.connectionTimeout()))
                // few, short retries: what fails for want of a connection is redone when it is back
                .retryPolicy(new RetryNTimes(1, 200))
                // the configured hosts stay: no rewriting of the connect string (and its chroot)
                // from the ensemble's dynamic configuration
                .ensembleTracker(false)
                .threadFactory(daemon("alidade-curator"))
                .build();
        this.membership = new Membership(settings, member, memberData, clock, new Membership.Views() {
            @Override
            public PartitionView current() {
                return view;
            }

            @Override
            public void publish(PartitionView next) {
                synchronized (monitor) {
                    view = next;
                    monitor.notifyAll();
                }
            }
        }, worker, client);
        try {
            membership.start();
        } catch (RuntimeException e) { // ZooKeeper refusing the connect string: nothing may linger
            worker.shutdownNow();
            client.close();
            throw new IllegalArgumentException("backend_url '" + settings.connect() + "': the ZooKeeper client "
                    + "refuses it: " + e.getMessage(), e);
        }
        LOG.info("coordination: member {} connecting to ZooKeeper {} (session timeout {} s, hold {}, fallback {})",
                member, settings.connect(), settings.sessionTimeout().toSeconds(), membership.holdText(),
                settings.fallback());
    }

    // --- Partitioner ----------------------------------------------------------------------

    @Override
    public void join(Set<String> groups) {
        String p = GroupNames.prefix(namespaces.get(), settings.groupPrefix());
        if (!p.equals(prefix)) {
            LOG.info("coordination: group prefix is now {}", p);
        }
        prefix = p;
        requested.clear();
        Map<String, String> next = new LinkedHashMap<>();
        for (String g : new TreeSet<>(groups)) {
            if (!GroupNames.isLocal(g)) {
                next.put(g, GroupNames.zkGroup(p, g));
            }
        }
        membership.want(next);
    }

    @Override
    public List<Resource> owned(String group, List<Resource> resources) {
        if (resources.isEmpty()) {
            return resources;
        }
        if (GroupNames.isLocal(group)) {
            return record(group, resources, resources);
        }
        long waitUntil = System.nanoTime() + settings.connectionTimeout().toNanos();
        while (true) {
            PartitionView v = view;
            long now = System.nanoTime();
            Decision d = v.decide(group, now);
            if (d == Decision.RING) {
                HashRing ring = v.rings().get(group).ring();
                List<Resource> mine = new ArrayList<>();
                for (Resource r : resources) {
                    if (ring.owns(member, r.id())) {
                        mine.add(r);
                    }
                }
                return record(group, List.copyOf(mine), resources);
            }
            if (d == Decision.FALLBACK || now - waitUntil >= 0 || closed) {
                fallbackCalls.incrementAndGet();
                return record(group, settings.fallback() == Fallback.ALL ? resources : List.of(), resources);
            }
            if (requested.add(group)) {
                membership.add(group, GroupNames.zkGroup(prefix, group)); // the plan's join() may come later
            }
            awaitNewView(v, v.state() == State.STARTING ? Math.min(waitUntil, v.deadlineNanos()) : waitUntil);
        }
    }

    private List<Resource> record(String group, List<Resource> owned, List<Resource> all) {
        shares.put(group, new Share(owned.size(), all.size(), clock.instant()));
        return owned;
    }

    private void awaitNewView(PartitionView seen, long untilNanos) {
        synchronized (monitor) {
            while (view == seen && !closed) {
                long left = untilNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- reading --------------------------------------------------------------------------

    /** The view in force. */
    public PartitionView view() {
        return view;
    }

    public String member() {
        return member;
    }

    public Settings settings() {
        return settings;
    }

    /** Engine group → what owned() last returned for it. */
    public Map<String, Share> shares() {
        return Map.copyOf(shares);
    }

    /** How many owned() calls the fallback answered. */
    public long fallbackCalls() {
        return fallbackCalls.get();
    }

    /** The ZooKeeper session id, or 0 without one. */
    public long sessionId() {
        return membership.sessionId();
    }

    /**
     * A summary for status listings: state, since, member, zookeeper, error (when there is one),
     * fallback, fallback_calls, groups (engine group → sorted members).
     */
    public Map<String, Object> status() {
        PartitionView v = view;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", v.effectiveState(System.nanoTime()).name().toLowerCase(Locale.ROOT));
        m.put("since", v.since().toString());
        m.put("member", member);
        m.put("zookeeper", settings.connect().value());
        if (v.error() != null) {
            m.put("error", v.error());
        }
        m.put("fallback", settings.fallback().toString());
        m.put("fallback_calls", fallbackCalls.get());
        Map<String, Object> groups = new LinkedHashMap<>();
        new TreeSet<>(v.rings().keySet()).forEach(g -> groups.put(g, List.copyOf(v.rings().get(g).ring().members())));
        m.put("groups", groups);
        return m;
    }

    @Override
    public void close() {
        closed = true;
        membership.close();
        synchronized (monitor) {
            monitor.notifyAll();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close(); // ends the session: ZooKeeper removes this member from its groups at once
        LOG.info("coordination: member {} left its groups", member);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
