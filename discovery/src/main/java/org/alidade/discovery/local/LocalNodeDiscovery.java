package org.alidade.discovery.local;

import java.util.List;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.osgi.service.component.annotations.Component;

/**
 * {@code local_node}: the host the agent runs on, as one resource whose id is the agent's host
 * name (PID {@code org.alidade.polling}, property {@code host}) — upstream's per-host
 * behaviour since 25.0.0. Its partitioning group is per host, so that with coordination on
 * every agent keeps its own node (Zed put it in {@code global}, so one agent in the whole cloud
 * polled "the" local node).
 */
@Component
@DiscoveryName(name = LocalNodeDiscovery.NAME, group = LocalNodeDiscovery.GROUP)
public final class LocalNodeDiscovery implements Discovery {

    public static final String NAME = "local_node";

    /** Marker group: the coordination layer reads it as "this host only", never shared. */
    public static final String GROUP = "local";

    @Override
    public List<Resource> discover(PollContext context, String param) {
        return List.of(Resource.of(context.host()));
    }
}
