package org.alidade.compute.cycle;

import java.util.List;
import java.util.Map;
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

    /** A result or the failure that stands for it in this cycle. */
    private record Outcome<T>(T value, InspectorException failure, double monotonicTime) {
        T get() throws InspectorException {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    private record Key(String method, String uuid) {
    }

    /** A value with the monotonic time at which it was read (a sample's {@code monotonic_time}). */
    public record Timed<T>(T value, double monotonicTime) {
    }

    private final PollContext context;
    private final Inspector inspector;
    private Snapshot snapshot;

    private Inspection(PollContext context, Inspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    public static Inspection of(PollContext context, Inspector inspector) {
        return new Inspection(context, inspector);
    }

    /** This cycle's snapshot (taken by the first caller). */
    public Snapshot snapshot() throws InspectorException {
        if (snapshot == null) {
            snapshot = this.<Snapshot>cached(SNAPSHOT, inspector::snapshot).get();
        }
        return snapshot;
    }

    public Timed<InstanceStats> instance(DomainDescription d) throws InspectorException {
        Snapshot s = snapshot();
        return timed(new Key("instance", d.uuid()), () -> inspector.inspectInstance(s, d));
    }

    public Timed<List<DiskStats>> disks(DomainDescription d) throws InspectorException {
        Snapshot s = snapshot();
        return timed(new Key("disks", d.uuid()), () -> inspector.inspectDisks(s, d));
    }

    public Timed<List<NicStats>> vnics(DomainDescription d) throws InspectorException {
        Snapshot s = snapshot();
        return timed(new Key("vnics", d.uuid()), () -> inspector.inspectVnics(s, d));
    }

    /** The current domains of this cycle's snapshot, by UUID. */
    public Map<String, Snapshot.DomainState> domains() throws InspectorException {
        return snapshot().domains();
    }

    private <T> Timed<T> timed(Key key, Call<T> call) throws InspectorException {
        Outcome<T> o = cached(key, call);
        return new Timed<>(o.get(), o.monotonicTime());
    }

    private interface Call<T> {
        T run() throws InspectorException;
    }

    private <T> Outcome<T> cached(Object key, Call<T> call) {
        return context.cached(key, () -> {
            try {
                T v = call.run();
                return new Outcome<>(v, null, System.nanoTime() / 1e9);
            } catch (InspectorException e) {
                return new Outcome<T>(null, e, 0);
            }
        });
    }
}
