package org.alidade.discovery.openstack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code tenant}: every Keystone project, domain by domain ({@code GET /v3/domains}, then
 * {@code GET /v3/projects?domain_id=…}, following {@code links.next}), as in Ceilometer. The
 * resource id is the project id; the metadata has {@code name}, {@code domain_id},
 * {@code enabled} and {@code description} (absent fields are {@code null}). Disabled projects are
 * included, as upstream does unless {@code ignore_disabled_projects} is set.
 */
@Component
@DiscoveryName(name = TenantDiscovery.NAME)
public final class TenantDiscovery implements Discovery {

    public static final String NAME = "tenant";

    private final KeystoneSession session;

    @Activate
    public TenantDiscovery(@Reference KeystoneSession session) {
        this.session = session;
    }

    @Override
    public List<Resource> discover(PollContext context, String param) throws Exception {
        String base = session.identityUrl().toString();
        List<Resource> projects = new ArrayList<>();
        for (Map<String, Object> domain : list(URI.create(base + "/domains"), "domains")) {
            String domainId = Json.string(domain.get("id"));
            if (domainId == null) {
                continue;
            }
            URI uri = URI.create(base + "/projects?domain_id=" + URLEncoder.encode(domainId, StandardCharsets.UTF_8));
            for (Map<String, Object> p : list(uri, "projects")) {
                String id = Json.string(p.get("id"));
                if (id == null) {
                    continue;
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", p.get("name"));
                metadata.put("domain_id", p.containsKey("domain_id") ? p.get("domain_id") : domainId);
                metadata.put("enabled", p.get("enabled"));
                metadata.put("description", p.get("description"));
                projects.add(Resource.of(id, metadata));
            }
        }
        return projects;
    }

    /** Every page of a Keystone list. */
    private List<Map<String, Object>> list(URI first, String key) throws OpenStackException, InterruptedException {
        List<Map<String, Object>> all = new ArrayList<>();
        URI next = first;
        int pages = 0;
        while (next != null) {
            if (++pages > 10_000) {
                throw new OpenStackException("GET " + first + ": more than 10000 pages, giving up (a loop?)");
            }
            Map<String, Object> body = Json.object(session.get(next, Map.of()).requireSuccess());
            if (!(body.get(key) instanceof List)) {
                throw new OpenStackException("GET " + next + " answered JSON without a '" + key + "' list");
            }
            for (Object o : Json.list(body.get(key))) {
                all.add(Json.map(o));
            }
            String link = Json.string(Json.map(body.get("links")).get("next"));
            next = link == null ? null : next.resolve(link);
        }
        return all;
    }
}
