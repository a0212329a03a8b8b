package org.alidade.pollster.central.openstack;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.alidade.api.Discovery;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.discovery.keystone.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discovery that lists one OpenStack collection (all pages) and returns one resource per entry:
 * the entry's {@code id} as resource id and the entry itself as metadata, minus secret fields.
 */
public final class ListDiscovery implements Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(ListDiscovery.class);

    /**
     * What to list.
     *
     * @param name          the discovery name ({@code images}, …)
     * @param serviceType   which configured service type to look up in the catalog
     * @param version       the version segment the path starts with, dropped from the endpoint
     *                      when the catalog URL already ends with it ({@code v2.0}), or {@code null}
     * @param path          the path after the endpoint ({@code /v2.0/floatingips})
     * @param key           the list's key in the body
     * @param headers       request headers (e.g. Cinder's microversion)
     * @param keep          which entries to return
     * @param secrets       fields never copied (the VPN pre-shared key)
     * @param missingIsEmpty whether a 404 means "not deployed here" (Neutron extensions): a warning
     *                      and nothing found, as in Ceilometer
     */
    public record Spec(String name, Function<ServiceTypes, String> serviceType, String version, String path,
            String key, Map<String, String> headers, Predicate<Map<String, Object>> keep, Set<String> secrets,
            boolean missingIsEmpty) {
    }

    private final Spec spec;
    private final OpenStackApi api;

    public ListDiscovery(Spec spec, OpenStackApi api) {
        this.spec = spec;
        this.api = api;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public List<Resource> discover(PollContext context, String param) throws Exception {
        String endpoint = api.session().endpointUrl(spec.serviceType().apply(api.types()));
        String root = OpenStackApi.base(endpoint, spec.version());
        List<Map<String, Object>> entries;
        try {
            entries = api.listAll(URI.create(root + spec.path()), spec.key(), root, spec.headers());
        } catch (HttpStatusException e) {
            if (e.status() == 404 && spec.missingIsEmpty()) {
                LOG.warn("discovery {}: {} (is the service or extension deployed?): nothing found", spec.name(),
                        e.getMessage());
                return List.of();
            }
            throw e;
        }
        List<Resource> found = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            if (!(entry.get("id") instanceof String id) || !spec.keep().test(entry)) {
                continue;
            }
            Map<String, Object> metadata = new LinkedHashMap<>(entry);
            spec.secrets().forEach(metadata::remove);
            found.add(Resource.of(id, metadata));
        }
        return found;
    }
}
