package org.alidade.compute.discovery;

import java.util.ArrayList;
import java.util.List;
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
 * resource carries its {@link Snapshot.DomainState} as payload for the compute pollsters.
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

    @Activate
    public LocalInstancesDiscovery(@Reference Inspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public List<Resource> discover(PollContext context, String param) {
        Snapshot snapshot;
        try {
            snapshot = Inspection.of(context, inspector).snapshot();
        } catch (InspectorException e) {
            return List.of(); // the inspector logged why, once
        }
        List<Resource> instances = new ArrayList<>(snapshot.domains().size());
        for (Snapshot.DomainState d : snapshot.domains().values()) {
            if (d.description().nova() != null) {
                instances.add(Resource.of(d.description().uuid(),
                        InstanceMetadata.of(d.description(), d.state(), context.host()), d));
            }
        }
        return instances;
    }
}
