package org.alidade.test.pollster.steady;

import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.osgi.service.component.annotations.Component;

/** The discovery {@code test_nodes}: three fixed resources, {@code node-1} to {@code node-3}. */
@Component(service = Discovery.class)
@DiscoveryName(name = TestNodesDiscovery.NAME)
public final class TestNodesDiscovery implements Discovery {

    public static final String NAME = "test_nodes";

    static final List<Resource> NODES = List.of(node(1), node(2), node(3));

    private static Resource node(int index) {
        return Resource.of("node-" + index, Map.of("display_name", "Node " + index, "rack", "rack-a", "index", index));
    }

    @Override
    public List<Resource> discover(PollContext context, String param) {
        return NODES;
    }
}
