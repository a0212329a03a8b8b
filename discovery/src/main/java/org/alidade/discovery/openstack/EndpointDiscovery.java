package org.alidade.discovery.openstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.discovery.keystone.Endpoint;
import org.alidade.discovery.keystone.KeystoneSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code endpoint:<service type>}: the catalog URLs of that service type for the configured
 * interface and region ({@code endpoint} alone: of every service), one resource per URL with the
 * URL as its id. A catalog without the service, or without an endpoint for the interface and
 * region, fails the discovery with a message that names the type and what the catalog has
 * (Ceilometer only warns and finds nothing; the engine logs the failure and the cycle goes on).
 */
@Component
@DiscoveryName(name = EndpointDiscovery.NAME)
public final class EndpointDiscovery implements Discovery {

    public static final String NAME = "endpoint";

    private final KeystoneSession session;

    @Activate
    public EndpointDiscovery(@Reference KeystoneSession session) {
        this.session = session;
    }

    @Override
    public List<Resource> discover(PollContext context, String param) throws Exception {
        String type = param == null || param.isBlank() ? null : param.trim();
        List<Resource> found = new ArrayList<>();
        for (Endpoint e : session.endpoints(type)) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("service_type", e.serviceType());
            metadata.put("service_name", e.serviceName());
            metadata.put("interface", e.interfaceName());
            metadata.put("region", e.region());
            Resource r = Resource.of(e.url(), metadata);
            if (!found.contains(r)) {
                found.add(r);
            }
        }
        return found;
    }
}
