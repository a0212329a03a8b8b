package org.alidade.compute.cycle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.alidade.api.PollContext;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.Snapshot;

/**
 * What one polling cycle has inspected, kept in the cycle's cache ({@link PollContext#cached}) so
 * that the discovery and every compute pollster of the cycle share one snapshot, and N meters of
 * an instance share one call per inspector method. Failures are cached too: a hypervisor that is
 * down costs one attempt per cycle, not one per meter.
 */
public final class Inspection {

    private static final String SNAPSHOT = "org.alidade.compute:snapshot";

    /** The key of a cycle's inspection of one inspector. */
    private record Key(Inspector inspector) {
    }

    /**
     * A value with the monotonic time at which it was read (a sample's {@code monotonic_time}),
     * boxed once here rather than once per sample.
     */
    public record Timed<T>(T value, Double monotonicTime) {
    }

    private final PollContext context;
    private final Inspector inspector;
    /** What this cycle has inspected, per domain UUID. */
    private final ConcurrentHashMap<String, Domain> domains = new ConcurrentHashMap<>();
    /**
     * The locks under which the first meter to ask calls the inspector, by domain (striped: a
     * lock per domain would be two more objects an instance, kept through the cycle).
     */
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private volatile Snapshot snapshot;

    private Inspection(PollContext context, Inspector inspector) {
        this.context = context;
        this.inspector = inspector;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The cycle's inspection through {@code inspector}: one per cycle, shared by its pollsters. */
    public static Inspection of(PollContext context, Inspector inspector) {
        return context.cached(new Key(inspector), () -> new Inspection(context, inspector));
    }

    /**
     * This cycle's snapshot (taken by the first caller). A failure is cached too: a hypervisor that
     * is down costs one attempt per cycle.
     */
    public Snapshot snapshot() throws InspectorException {
        Snapshot s = snapshot;
        if (s == null) {
            Object o = context.cached(SNAPSHOT, () -> attempt(inspector::snapshot));
            snapshot = s = (Snapshot) result(o).value();
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    public Timed<InstanceStats> instance(DomainDescription d) throws InspectorException {
        return (Timed<InstanceStats>) once(d, INSTANCE);
    }

    @SuppressWarnings("unchecked")
    public Timed<List<DiskStats>> disks(DomainDescription d) throws InspectorException {
        return (Timed<List<DiskStats>>) once(d, DISKS);
    }

    @SuppressWarnings("unchecked")
    public Timed<List<NicStats>> vnics(DomainDescription d) throws InspectorException {
        return (Timed<List<NicStats>>) once(d, VNICS);
    }

    private static final int INSTANCE = 0;
    private static final int DISKS = 1;
    private static final int VNICS = 2;

    /**
     * Inspector method {@code method} for {@code d}: called by the first meter of the cycle that
     * asks. The meters after it read the result without taking the lock (the polling threads
     * walk the same instances in the same order, so a lock taken by every meter is contended).
     */
    private Timed<?> once(DomainDescription d, int method) throws InspectorException {
        Domain at = domain(d);
        Object o = at.get(method);
        if (o == null) {
            Snapshot s = snapshot();
            ReentrantLock lock = locks[(d.uuid().hashCode() & 0x7fffffff) % locks.length];
            lock(lock, d);
            try {
                o = at.get(method);
                if (o == null) {
                    o = switch (method) {
                        case INSTANCE -> attempt(() -> inspector.inspectInstance(s, d));
                        case DISKS -> attempt(() -> inspector.inspectDisks(s, d));
                        default -> attempt(() -> inspector.inspectVnics(s, d));
                    };
                    at.set(method, o);
                }
            } finally {
                lock.unlock();
            }
        }
        return result(o);
    }

    /**
     * Waits for {@code lock}: meters of the instance on other threads wait for the first one's
     * call. The wait ends when the engine interrupts an abandoned pollster, as the cycle cache's
     * waits do.
     */
    private static void lock(ReentrantLock lock, DomainDescription d) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the inspection of instance " + d.uuid(), e);
        }
    }

    /** The current domains of this cycle's snapshot, by UUID. */
    public Map<String, Snapshot.DomainState> domains() throws InspectorException {
        return snapshot().domains();
    }

    private Domain domain(DomainDescription d) {
        Domain at = domains.get(d.uuid());
        return at != null ? at : domains.computeIfAbsent(d.uuid(), uuid -> new Domain());
    }

    /**
     * One domain's results in this cycle, each set once (under its stripe's lock): by inspector
     * method, a {@link Timed} value or the {@link InspectorException} that stands for it. Kept
     * small: every instance has one until the cycle ends.
     */
    private static final class Domain {
        private volatile Object instance;
        private volatile Object disks;
        private volatile Object vnics;

        Object get(int method) {
            return switch (method) {
                case INSTANCE -> instance;
                case DISKS -> disks;
                default -> vnics;
            };
        }

        void set(int method, Object result) {
            switch (method) {
                case INSTANCE -> instance = result;
                case DISKS -> disks = result;
                default -> vnics = result;
            }
        }
    }

    /** The call's value with its time, or the failure that stands for it in this cycle. */
    private static Object attempt(Call<?> call) {
        try {
            Object v = call.run();
            return new Timed<>(v, System.nanoTime() / 1e9);
        } catch (InspectorException e) {
            return e;
        }
    }

    private static Timed<?> result(Object attempt) throws InspectorException {
        if (attempt instanceof InspectorException e) {
            throw e;
        }
        return (Timed<?>) attempt;
    }

    private interface Call<T> {
        T run() throws InspectorException;
    }
}
