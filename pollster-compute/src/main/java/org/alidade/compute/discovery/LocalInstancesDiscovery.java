package org.alidade.compute.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.compute.cycle.Inspection;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.Snapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code local_instances}: the Nova instances on this hypervisor, from Nova's metadata in each
 * domain's XML (Ceilometer's {@code libvirt_metadata} method, reference §5). Shut-off instances
 * are listed (the pollsters skip them); domains without Nova metadata are not instances. Each
 * resource carries a {@link LocalInstance} (its {@link Snapshot.DomainState}) as payload for the
 * compute pollsters; an instance whose domain stays as it is stays the same resource from cycle
 * to cycle, with the metadata made for it.
 *
 * <p>The snapshot it takes is the cycle's: the pollsters of the same cycle reuse it, so discovery
 * and all meters cost one bulk statistics call.
 */
@Component
@DiscoveryName(name = LocalInstancesDiscovery.NAME, group = LocalInstancesDiscovery.GROUP)
public final class LocalInstancesDiscovery implements Discovery {

    public static final String NAME = "local_instances";

    /** Host-local, like {@code local_node}: never shared in a partitioning group. */
    public static final String GROUP = "local";

    private final Inspector inspector;
    /** The resources of the last discovery, by UUID: handed out again while their domain stays as it is. */
    private final Map<String, Resource> known = new HashMap<>();

    @Activate
    public LocalInstancesDiscovery(@Reference Inspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public synchronized List<Resource> discover(PollContext context, String param) {
        Snapshot snapshot;
        try {
            snapshot = Inspection.of(context, inspector).snapshot();
        } catch (InspectorException e) {
            return List.of(); // the inspector logged why, once
        }
        List<Resource> instances = new ArrayList<>(snapshot.domains().size());
        for (Snapshot.DomainState d : snapshot.domains().values()) {
            if (d.description().nova() != null) {
                String uuid = d.description().uuid();
                Resource r = known.get(uuid);
                if (r == null || !r.payload(LocalInstance.class).describes(d, context.host())) {
                    r = Resource.of(uuid, InstanceMetadata.of(d.description(), d.state(), context.host()),
                            new LocalInstance(d, context.host()));
                    known.put(uuid, r);
                }
                instances.add(r);
            }
        }
        known.keySet().retainAll(snapshot.domains().keySet());
        return instances;
    }
}
