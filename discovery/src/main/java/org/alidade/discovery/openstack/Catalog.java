package org.alidade.discovery.openstack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alidade.discovery.keystone.Endpoint;
import org.alidade.discovery.keystone.EndpointNotFoundException;

/** The service catalog of a token, and the choice of endpoints by type, interface and region. */
final class Catalog {

    private final List<Endpoint> all;

    Catalog(List<Endpoint> all) {
        this.all = List.copyOf(all);
    }

    /** Reads {@code token.catalog} of a Keystone v3 token body. */
    static Catalog parse(Object catalogJson) {
        List<Endpoint> all = new ArrayList<>();
        for (Object s : Json.list(catalogJson)) {
            Map<String, Object> service = Json.map(s);
            String type = Json.string(service.get("type"));
            String name = Json.string(service.get("name"));
            for (Object e : Json.list(service.get("endpoints"))) {
                Map<String, Object> ep = Json.map(e);
                String region = Json.string(ep.get("region_id"));
                if (region == null) {
                    region = Json.string(ep.get("region"));
                }
                String url = Json.string(ep.get("url"));
                if (type != null && url != null) {
                    all.add(new Endpoint(type, name, Json.string(ep.get("interface")), region, url));
                }
            }
        }
        return new Catalog(all);
    }

    /**
     * The endpoints of {@code serviceType} ({@code null}: every service) for the interface and
     * region (region {@code null}: any).
     */
    List<Endpoint> select(String serviceType, String iface, String region) throws EndpointNotFoundException {
        List<Endpoint> ofType = serviceType == null ? all
                : all.stream().filter(e -> e.serviceType().equals(serviceType)).toList();
        if (ofType.isEmpty()) {
            Set<String> types = new LinkedHashSet<>();
            all.forEach(e -> types.add(e.serviceType()));
            throw new EndpointNotFoundException(serviceType, serviceType == null
                    ? "the service catalog is empty"
                    : "the service catalog has no service of type '" + serviceType + "' (types in the catalog: "
                            + String.join(", ", types) + ")");
        }
        List<Endpoint> chosen = ofType.stream().filter(e -> iface.equals(e.interfaceName()))
                .filter(e -> region == null || region.equals(e.region())).toList();
        if (chosen.isEmpty()) {
            Set<String> offered = new LinkedHashSet<>();
            ofType.forEach(e -> offered.add(e.interfaceName() + "/" + e.region()));
            throw new EndpointNotFoundException(serviceType, (serviceType == null ? "the service catalog"
                    : "service type '" + serviceType + "'") + " has no " + iface + " endpoint"
                    + (region == null ? "" : " in region '" + region + "'") + " (it has interface/region: "
                    + String.join(", ", offered) + "); check interface and region_name of PID " + OpenStackConfig.PID);
        }
        return chosen;
    }
}
