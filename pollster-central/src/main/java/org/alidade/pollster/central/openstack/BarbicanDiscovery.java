package org.alidade.pollster.central.openstack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;

/**
 * {@code barbican:<secret id>}, the default discovery of non-OpenStack dynamic pollsters: one
 * resource whose private payload is the secret's payload (the credentials), fetched from the
 * {@code key-manager} service ({@code GET /v1/secrets/<id>/payload}). Unlike Ceilometer, the
 * secret is never the resource id (ids are logged and hashed); the id is {@code barbican:<secret id>}.
 * Without a secret id it returns the one placeholder resource upstream returns
 * ({@code No secrets found}), so that a pollster with inline credentials runs once per cycle.
 */
public final class BarbicanDiscovery implements Discovery {

    public static final String NAME = "barbican";

    private final OpenStackApi api;

    public BarbicanDiscovery(OpenStackApi api) {
        this.api = api;
    }

    @Override
    public List<Resource> discover(PollContext context, String param) throws Exception {
        if (param == null || param.isBlank()) {
            return List.of(Resource.of("No secrets found"));
        }
        String endpoint = OpenStackApi.base(api.session().endpointUrl("key-manager"), "v1");
        URI uri = URI.create(endpoint + "/v1/secrets/" + URLEncoder.encode(param.trim(), StandardCharsets.UTF_8)
                + "/payload");
        String payload = api.session().get(uri, Map.of("Accept", "text/plain")).requireSuccess().text();
        return List.of(Resource.of("barbican:" + param.trim(), Map.of(), payload));
    }
}
