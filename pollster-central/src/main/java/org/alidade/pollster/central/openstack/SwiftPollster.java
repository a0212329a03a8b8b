package org.alidade.pollster.central.openstack;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.api.SampleType;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Swift meters, per project of the {@code tenant} discovery: {@code HEAD} of the account for
 * {@code storage.objects}, {@code storage.objects.size} and {@code storage.objects.containers};
 * the container list ({@code GET}, every page) for {@code storage.containers.objects} and
 * {@code storage.containers.objects.size}. Each request is made once per cycle and project for all
 * the meters that need it (the cycle cache). A 404 (no account) is a warning and a 403 an error
 * for that project only; other failures fail the meter for the cycle, as in Ceilometer.
 */
public final class SwiftPollster implements Pollster {

    private static final Logger LOG = LoggerFactory.getLogger(SwiftPollster.class);

    /** Which meter. */
    public enum Meter {
        OBJECTS("storage.objects", "object", "x-account-object-count", null),
        OBJECTS_SIZE("storage.objects.size", "B", "x-account-bytes-used", null),
        OBJECTS_CONTAINERS("storage.objects.containers", "container", "x-account-container-count", null),
        CONTAINERS_OBJECTS("storage.containers.objects", "object", null, "count"),
        CONTAINERS_OBJECTS_SIZE("storage.containers.objects.size", "B", null, "bytes");

        public final String meterName;
        final String unit;
        final String header;
        final String containerField;

        Meter(String meterName, String unit, String header, String containerField) {
            this.meterName = meterName;
            this.unit = unit;
            this.header = header;
            this.containerField = containerField;
        }
    }

    /** A per-cycle result: the value, nothing (skipped project), or the failure to rethrow. */
    private record Outcome<T>(T value, OpenStackException error) {
    }

    private final Meter meter;
    private final OpenStackApi api;

    public SwiftPollster(Meter meter, OpenStackApi api) {
        this.meter = meter;
        this.api = api;
    }

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of("tenant");
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws Exception {
        for (Resource tenant : resources) {
            String project = tenant.id();
            if (meter.header != null) {
                Map<String, List<String>> headers = once(context, "HEAD", project, () -> head(project));
                if (headers == null) {
                    continue;
                }
                out.accept(sample(project, project, number(headers, meter.header, project), Map.of()));
            } else {
                List<Map<String, Object>> containers = once(context, "GET", project, () -> containers(project));
                if (containers == null) {
                    continue;
                }
                for (Map<String, Object> c : containers) {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("storage_policy", c.get("storage_policy"));
                    out.accept(sample(project, project + "/" + c.get("name"), c.get(meter.containerField), metadata));
                }
            }
        }
    }

    private Sample sample(String project, String resourceId, Object volume, Map<String, Object> metadata) {
        return Sample.builder().name(meter.meterName).type(SampleType.GAUGE).unit(meter.unit).volume(volume)
                .projectId(project).resourceId(resourceId).resourceMetadata(metadata).build();
    }

    private static Long number(Map<String, List<String>> headers, String name, String project) throws OpenStackException {
        List<String> v = headers.get(name);
        try {
            return Long.valueOf(v.get(0).trim());
        } catch (RuntimeException e) {
            throw new OpenStackException("Swift account of project " + project + ": header " + name + " is "
                    + (v == null ? "missing" : "'" + v.get(0) + "', not a number"));
        }
    }

    private interface Call<T> {
        T call() throws OpenStackException, InterruptedException;
    }

    /** One request per cycle, method and project, shared by the meters that need it. */
    private <T> T once(PollContext context, String method, String project, Call<T> call)
            throws OpenStackException, InterruptedException {
        Outcome<T> o = context.cached(List.of("swift", method, project), () -> {
            try {
                return new Outcome<>(call.call(), null);
            } catch (OpenStackException e) {
                return new Outcome<>(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome<>(null, new OpenStackException("interrupted"));
            }
        });
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        if (o.error() != null) {
            throw o.error();
        }
        return o.value();
    }

    /** The account URL of a project: the catalog URL cut at {@code /v1}, then {@code /v1/<prefix><project>}. */
    String accountUrl(String project) throws OpenStackException, InterruptedException {
        String endpoint = api.session().endpointUrl(api.types().swift());
        int v1 = endpoint.indexOf("/v1");
        String root = OpenStackApi.trimSlash(v1 >= 0 ? endpoint.substring(0, v1) : endpoint);
        return root + "/v1/" + api.types().resellerPrefix() + project;
    }

    private Map<String, List<String>> head(String project) throws OpenStackException, InterruptedException {
        OpenStackResponse r = api.session().send("HEAD", URI.create(accountUrl(project)), Map.of(), null);
        return skipped(r, project) ? null : r.requireSuccess().headers();
    }

    private List<Map<String, Object>> containers(String project) throws OpenStackException, InterruptedException {
        String account = accountUrl(project);
        List<Map<String, Object>> all = new ArrayList<>();
        String marker = null;
        while (true) {
            URI uri = URI.create(account + "?format=json"
                    + (marker == null ? "" : "&marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)));
            OpenStackResponse r = api.session().get(uri, Map.of());
            if (skipped(r, project)) {
                return null;
            }
            r.requireSuccess();
            List<Object> page = r.status() == 204 ? List.of() : Values.list(jsonList(r));
            if (page.isEmpty()) {
                return all;
            }
            for (Object o : page) {
                all.add(Values.map(o));
            }
            String last = Values.string(Values.map(page.get(page.size() - 1)).get("name"));
            if (last == null || last.equals(marker)) {
                return all;
            }
            marker = last;
        }
    }

    private static Object jsonList(OpenStackResponse r) throws OpenStackException {
        Object v = OpenStackApi.parse(r);
        if (!(v instanceof List)) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered JSON that is not a container list");
        }
        return v;
    }

    private static boolean skipped(OpenStackResponse r, String project) {
        if (r.status() == 404) {
            LOG.warn("Swift has no account for project {} ({} {} answered 404): skipped", project, r.method(), r.uri());
            return true;
        }
        if (r.status() == 403) {
            LOG.error("the service user may not read the Swift account of project {} ({} {} answered 403): skipped",
                    project, r.method(), r.uri());
            return true;
        }
        return false;
    }
}
