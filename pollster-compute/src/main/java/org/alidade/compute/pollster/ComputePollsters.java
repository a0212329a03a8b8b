package org.alidade.compute.pollster;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.alidade.api.Pollster;
import org.alidade.compute.inspector.Inspector;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers one {@link Pollster} service per compute meter of {@link Meters} (namespace
 * {@code compute}) while an {@link Inspector} is there. The meters are a table rather than one
 * DS component each: they differ only in name, type, unit and value, and share the delta
 * baseline and the once-only log.
 */
@Component(immediate = true)
public final class ComputePollsters {

    public static final String NAMESPACE = "compute";

    private final List<ServiceRegistration<Pollster>> registrations = new ArrayList<>();

    @Activate
    public ComputePollsters(BundleContext context, @Reference Inspector inspector) {
        DeltaBaseline deltas = new DeltaBaseline();
        OnceLog once = new OnceLog();
        for (ComputePollster p : pollsters(inspector, deltas, once)) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Pollster.NAME, p.name());
            props.put(Pollster.NAMESPACE, new String[] {NAMESPACE});
            registrations.add(context.registerService(Pollster.class, p, props));
        }
    }

    /** Every compute pollster over {@code inspector} (tests call it without a framework). */
    static List<ComputePollster> pollsters(Inspector inspector, DeltaBaseline deltas, OnceLog once) {
        return Meters.ALL.stream().map(m -> new ComputePollster(m, inspector, deltas, once)).toList();
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Pollster> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework did it
            }
        }
        registrations.clear();
    }
}
