package org.alidade.coordination.partition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.alidade.coordination.partition.PartitionView.GroupRing;
import org.alidade.coordination.partition.PartitionView.State;
import org.alidade.coordination.ring.HashRing;
import org.alidade.coordination.zk.ZkGroups;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper side of a {@link Coordinator}: joins the wanted groups, watches their members,
 * follows the connection, and publishes a new {@link PartitionView} after every change. Every
 * method runs on the one worker thread (callers hand tasks over with {@link #onWorker}), so its
 * state needs no lock; the views it publishes are immutable.
 *
 * <p>States: {@code STARTING} until the first connection (at most the connection timeout, then
 * {@code FALLBACK} with what a TCP probe of each host says); {@code CONNECTED} with a ring per
 * group read from ZooKeeper; on a lost connection {@code HOLDING} the last rings for the hold
 * time, then {@code FALLBACK}; back to {@code CONNECTED} as soon as the groups are read again.
 * A missing chroot is {@code FALLBACK} too, checked again every 2 s.
 */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final long RETRY_MILLIS = 2_000;

    /** Where views go: the coordinator's holder, which wakes whoever waits for a newer one. */
    interface Views {
        PartitionView current();

        void publish(PartitionView next);
    }

    private final Settings settings;
    private final String member;
    private final String memberData;
    private final Clock clock;
    private final Views views;
    private final ScheduledExecutorService worker;
    private final CuratorFramework client;
    private final ZkGroups zk;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final AtomicBoolean retryPending = new AtomicBoolean();
    /** One instance, so that ZooKeeper keeps one watch per group however often it is read. */
    private final CuratorWatcher watcher = event -> queueReconcile();
    private volatile boolean closed;

    private Map<String, String> wanted = Map.of(); // engine group -> ZooKeeper group
    private final Set<String> joinedZk = new HashSet<>();
    private boolean everConnected;
    private Instant disconnectedAt;
    private long disconnectedNanos;

    Membership(Settings settings, String member, String memberData, Clock clock, Views views,
            ScheduledExecutorService worker, CuratorFramework client) {
        this.settings = settings;
        this.member = member;
        this.memberData = memberData;
        this.clock = clock;
        this.views = views;
        this.worker = worker;
        this.client = client;
        this.zk = new ZkGroups(client);
    }

    /** Starts following the connection; the client must not be started yet. */
    void start() {
        client.getConnectionStateListenable().addListener((c, state) -> onWorker(() -> connectionChanged(state)));
        client.start();
        later(this::checkFirstConnection, settings.connectionTimeout().toNanos());
    }

    /** The groups to be a member of (engine group → ZooKeeper group), replacing the earlier ones. */
    void want(Map<String, String> groups) {
        onWorker(() -> {
            wanted = Map.copyOf(groups);
            reconcile();
        });
    }

    /** One more group, until the next {@link #want}. */
    void add(String group, String zkGroup) {
        onWorker(() -> {
            if (!wanted.containsKey(group)) {
                Map<String, String> next = new LinkedHashMap<>(wanted);
                next.put(group, zkGroup);
                wanted = next;
            }
            reconcile();
        });
    }

    /** The current session's id, or 0 without one. */
    long sessionId() {
        try {
            return client.getZookeeperClient().isConnected() ? zk.sessionId() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    void close() {
        closed = true;
    }

    void onWorker(Runnable task) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("coordination: unexpected failure", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void later(Runnable task, long delayNanos) {
        try {
            worker.schedule(() -> onWorker(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void queueReconcile() {
        if (reconcileQueued.compareAndSet(false, true)) {
            onWorker(() -> {
                reconcileQueued.set(false);
                reconcile();
            });
        }
    }

    /** One pending retry at most, however many calls failed. */
    private void retryLater() {
        if (!closed && retryPending.compareAndSet(false, true)) {
            later(() -> {
                retryPending.set(false);
                queueReconcile();
            }, TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
        }
    }

    private void connectionChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED, RECONNECTED -> {
                if (!everConnected) {
                    LOG.info("coordination: connected to ZooKeeper {}", settings.connect());
                }
                everConnected = true;
                reconcile(); // ends the outage once the groups are read again
            }
            case SUSPENDED, LOST, READ_ONLY -> disconnected(state);
        }
    }

    private void disconnected(ConnectionState state) {
        PartitionView v = views.current();
        if (disconnectedAt == null) {
            disconnectedAt = clock.instant();
            disconnectedNanos = System.nanoTime();
        }
        if (state == ConnectionState.LOST) {
            LOG.warn("coordination: ZooKeeper session expired: the other agents no longer count this one; "
                    + "it rejoins when ZooKeeper is back");
        }
        if (v.state() == State.CONNECTED) {
            long deadline = settings.holdsForever() ? disconnectedNanos + Long.MAX_VALUE / 2
                    : disconnectedNanos + settings.hold().toNanos();
            publish(new PartitionView(State.HOLDING, disconnectedAt, deadline, v.rings(), Map.of(),
                    "ZooKeeper unreachable (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")"));
            LOG.warn("coordination: lost ZooKeeper {} ({}): keeping the last membership {}, then fallback {}",
                    settings.connect(), state, holdText(), settings.fallback());
            if (!settings.holdsForever()) {
                long delay = Math.max(0, deadline - System.nanoTime());
                later(() -> holdEnded(deadline), delay);
            }
        }
    }

    private void holdEnded(long deadline) {
        PartitionView v = views.current();
        if (v.state() == State.HOLDING && v.deadlineNanos() == deadline && disconnectedAt != null) {
            String why = "no ZooKeeper since " + disconnectedAt + " (" + seconds(System.nanoTime() - disconnectedNanos)
                    + " s, hold " + settings.hold().toSeconds() + " s)";
            publish(new PartitionView(State.FALLBACK, clock.instant(), 0, v.rings(), Map.of(), why));
            LOG.error("coordination: {}: fallback {}: {}", why, settings.fallback(), fallbackMeaning());
        }
    }

    private void checkFirstConnection() {
        if (!everConnected && views.current().state() == State.STARTING) {
            String why = "cannot reach ZooKeeper at " + settings.connect() + " within "
                    + settings.connectionTimeout().toSeconds() + " s: " + settings.connect().probe(1_000);
            publish(new PartitionView(State.FALLBACK, clock.instant(), 0, Map.of(), Map.of(), why));
            LOG.error("coordination: {}; fallback {}: {}; still trying", why, settings.fallback(), fallbackMeaning());
        }
    }

    /** Brings the groups in ZooKeeper in line with {@code wanted} and publishes the rings. Idempotent. */
    private void reconcile() {
        if (closed || !client.getZookeeperClient().isConnected()) {
            return; // the next connection event brings us back
        }
        PartitionView before = views.current();
        try {
            if (!zk.chrootExists()) {
                String why = "chroot " + settings.connect().chroot() + " does not exist on ZooKeeper "
                        + String.join(",", settings.connect().hosts()) + " (create it, or fix backend_url)";
                if (!why.equals(before.error())) {
                    LOG.error("coordination: {}; fallback {}: {}; checking again every {} s", why,
                            settings.fallback(), fallbackMeaning(), RETRY_MILLIS / 1000);
                }
                publish(new PartitionView(State.FALLBACK, before.error() != null && before.error().equals(why)
                        ? before.since() : clock.instant(), 0, Map.of(), Map.of(), why));
                retryLater();
                return;
            }
            for (String zkGroup : new ArrayList<>(joinedZk)) {
                if (!wanted.containsValue(zkGroup)) {
                    zk.leave(zkGroup, member);
                    joinedZk.remove(zkGroup);
                    LOG.info("coordination: left group {}", zkGroup);
                }
            }
            Map<String, GroupRing> rings = new HashMap<>();
            Map<String, String> errors = new HashMap<>();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                try {
                    List<String> members = zk.join(e.getValue(), member, memberData, watcher);
                    joinedZk.add(e.getValue());
                    GroupRing old = before.rings().get(e.getKey());
                    HashRing ring = old != null && old.ring().members().equals(new TreeSet<>(members))
                            ? old.ring() : HashRing.of(members); // unchanged membership: no rebuild
                    rings.put(e.getKey(), new GroupRing(e.getValue(), ring));
                } catch (KeeperException ke) {
                    if (isConnectionProblem(ke)) {
                        throw ke;
                    }
                    errors.put(e.getKey(), ke.toString());
                    if (!ke.toString().equals(before.groupErrors().get(e.getKey()))) {
                        LOG.error("coordination: cannot join group {}: {}; fallback {} for it", e.getValue(), ke,
                                settings.fallback());
                    }
                }
            }
            boolean wasConnected = before.state() == State.CONNECTED;
            if (disconnectedAt != null) {
                LOG.info("coordination: ZooKeeper is back after {} s", seconds(System.nanoTime() - disconnectedNanos));
                disconnectedAt = null;
            }
            logChanges(before, rings);
            publish(new PartitionView(State.CONNECTED, wasConnected ? before.since() : clock.instant(), 0, rings,
                    errors, null));
            if (!wasConnected) {
                LOG.info("coordination: partitioning on as member {} of {}", member, describe(rings));
            }
            if (!errors.isEmpty()) {
                retryLater();
            }
        } catch (KeeperException e) {
            if (!isConnectionProblem(e)) {
                LOG.error("coordination: ZooKeeper call failed: {}; retrying", e.toString());
                retryLater();
            } // else: the connection listener takes over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("coordination: ZooKeeper call failed: {}; retrying", e.toString());
            retryLater();
        }
    }

    private static boolean isConnectionProblem(KeeperException e) {
        return e instanceof KeeperException.ConnectionLossException
                || e instanceof KeeperException.SessionExpiredException
                || e instanceof KeeperException.SessionMovedException
                || e instanceof KeeperException.OperationTimeoutException;
    }

    private void logChanges(PartitionView before, Map<String, GroupRing> rings) {
        for (Map.Entry<String, GroupRing> e : rings.entrySet()) {
            GroupRing old = before.rings().get(e.getKey());
            Set<String> now = e.getValue().ring().members();
            if (old == null || !old.zkGroup().equals(e.getValue().zkGroup())) {
                LOG.info("coordination: joined group {}: members {}", e.getValue().zkGroup(), now);
            } else if (!old.ring().members().equals(now)) {
                Set<String> joined = new TreeSet<>(now);
                joined.removeAll(old.ring().members());
                Set<String> left = new TreeSet<>(old.ring().members());
                left.removeAll(now);
                LOG.info("coordination: group {}: {} members {} (joined {}, left {}); this agent's share {}%",
                        e.getValue().zkGroup(), now.size(), now, joined, left,
                        String.format("%.1f", 100 * e.getValue().ring().share(member)));
            }
        }
    }

    private void publish(PartitionView next) {
        views.publish(next);
    }

    static String describe(Map<String, GroupRing> rings) {
        List<String> parts = new ArrayList<>();
        new TreeSet<>(rings.keySet()).forEach(g -> parts.add(rings.get(g).zkGroup() + " "
                + rings.get(g).ring().members().size() + " members"));
        return parts.isEmpty() ? "no group yet" : String.join(", ", parts);
    }

    String holdText() {
        return settings.holdsForever() ? "for ever" : "for " + settings.hold().toSeconds() + " s";
    }

    private String fallbackMeaning() {
        return settings.fallback() == Fallback.ALL
                ? "this agent polls every resource of its groups (others may poll them too)"
                : "this agent polls none of the partitioned resources (they may go unpolled)";
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
