package org.alidade.pollster.hardware.discovery;

import java.util.List;
import org.alidade.api.Resource;

/** Test access to the discovery's parsing. */
public final class HardwareTargetDiscoveryAccess {

    private HardwareTargetDiscoveryAccess() {
    }

    public static List<Resource> resources(String... urls) {
        return HardwareTargetDiscovery.resources(urls);
    }
}
