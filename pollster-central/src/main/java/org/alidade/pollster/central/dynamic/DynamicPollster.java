package org.alidade.pollster.central.dynamic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pollster made from a YAML definition (reference §6.5): per resource (an endpoint URL, or the
 * credentials of the non-OpenStack type) one request and its following pages, then one sample per
 * entry (or per sub-metric). As in Ceilometer, a request that fails (no answer, non-2xx) costs that
 * resource its samples only — the call fails when every resource failed — while a body no handler
 * can parse, a missing attribute or a failing operation fails the call for this cycle.
 */
public final class DynamicPollster implements Pollster {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicPollster.class);
    private static final int MAX_PAGES = 10_000;

    private final Definition def;
    private final KeystoneSession session;
    private final HttpClient plainHttp;

    public DynamicPollster(Definition def, KeystoneSession session, HttpClient plainHttp) {
        this.def = def;
        this.session = session;
        this.plainHttp = plainHttp;
    }

    public Definition definition() {
        return def;
    }

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(def.defaultDiscovery());
    }

    /** A request failure that costs one resource its samples. */
    private static final class RequestFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws Exception {
        RequestFailed first = null;
        int failed = 0;
        for (Resource r : resources) {
            List<Object> entries;
            try {
                entries = load(r);
            } catch (RequestFailed e) {
                LOG.warn("dynamic pollster {} ({}): {}", def.name(), def.file(), e.getMessage());
                failed++;
                first = first == null ? e : first;
                continue;
            }
            for (Object entry : entries) {
                try {
                    samples(entry, out);
                } catch (EvalException e) {
                    throw new IllegalStateException("dynamic pollster " + def.name() + " (" + def.file() + "): "
                            + e.getMessage() + " in entry " + PyValues.repr(idOf(entry)), e);
                }
            }
        }
        if (failed > 0 && failed == resources.size()) {
            throw new OpenStackException("dynamic pollster " + def.name() + ": " + first.getMessage(), first.getCause());
        }
    }

    private static Object idOf(Object entry) {
        return entry instanceof Map<?, ?> m && m.containsKey("id") ? m.get("id") : "?";
    }

    // ------------------------------------------------------------------ requests

    private List<Object> load(Resource r) throws RequestFailed, InterruptedException {
        String base = def.openStack() ? r.id() : def.urlPath();
        URI url = join(base, def.openStack() ? def.urlPath() : def.urlPath());
        List<Object> all = new ArrayList<>();
        for (int page = 1; url != null; page++) {
            if (page > MAX_PAGES) {
                throw new IllegalStateException("dynamic pollster " + def.name() + ": more than " + MAX_PAGES + " pages");
            }
            Object body = parse(url, fetch(url, r));
            all.addAll(entries(body, url));
            url = next(body, base);
        }
        return all;
    }

    /** Python's urljoin after making the base end with '/' (upstream since 24.0.0). */
    static URI join(String base, String path) {
        String b = base.endsWith("/") ? base : base + "/";
        return URI.create(b).resolve(path);
    }

    private byte[] fetch(URI url, Resource r) throws RequestFailed, InterruptedException {
        if (def.openStack()) {
            try {
                OpenStackResponse resp = session.send("GET", url, def.headers(), def.timeout());
                return resp.requireSuccess().body();
            } catch (OpenStackException e) {
                throw new RequestFailed(e.getMessage(), e);
            }
        }
        String credentials = def.basicAuth() != null ? def.basicAuth() : r.payload(String.class);
        if (credentials == null) {
            throw new RequestFailed("no credentials: the resource " + r.id() + " carries none", null);
        }
        String[] parts = credentials.split(",", 2);
        String user = parts[0].strip();
        String password = parts.length > 1 ? parts[1].strip() : "";
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(def.timeout()).GET()
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        def.headers().forEach(b::header);
        try {
            HttpResponse<byte[]> resp = plainHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new RequestFailed("GET " + url + " answered HTTP " + resp.statusCode(), null);
            }
            return resp.body();
        } catch (java.io.IOException e) {
            throw new RequestFailed("GET " + url + " failed: " + e, e);
        }
    }

    private Object parse(URI url, byte[] body) {
        try {
            return ResponseHandlers.parse(def.responseHandlers(), body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dynamic pollster " + def.name() + ": GET " + url + ": " + e.getMessage());
        }
    }

    private List<Object> entries(Object body, URI url) {
        if (!PyValues.truthy(body)) {
            return List.of();
        }
        if (body instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        Object entries;
        if (def.responseEntriesKey() != null) {
            try {
                entries = def.responseEntriesKey().evaluate(body);
            } catch (EvalException e) {
                throw new IllegalStateException("dynamic pollster " + def.name() + ": response_entries_key '"
                        + def.responseEntriesKey() + "' on the body of GET " + url + ": " + e.getMessage(), e);
            }
        } else if (body instanceof Map<?, ?> m) {
            entries = m.values().iterator().next(); // the first key, as upstream
        } else {
            entries = body;
        }
        if (entries instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return entries == null ? List.of() : List.of(entries);
    }

    private URI next(Object body, String base) {
        if (def.nextSampleUrlAttribute() == null) {
            return null;
        }
        Object next;
        try {
            next = def.nextSampleUrlAttribute().evaluate(body);
        } catch (EvalException e) {
            if (e.isKeyError()) {
                return null;
            }
            throw new IllegalStateException("dynamic pollster " + def.name() + ": next_sample_url_attribute '"
                    + def.nextSampleUrlAttribute() + "': " + e.getMessage(), e);
        }
        if (next == null || next.toString().isEmpty()) {
            return null;
        }
        URI n = URI.create(next.toString());
        return n.getHost() != null ? n : join(base, next.toString());
    }

    // ------------------------------------------------------------------ samples

    private void samples(Object rawEntry, Consumer<Sample> out) throws EvalException {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (rawEntry instanceof Map<?, ?> m) {
            m.forEach((k, v) -> entry.put(String.valueOf(k), v));
        } else {
            throw EvalException.typeError("an entry must be an object, not " + PyValues.typeName(rawEntry));
        }
        copy(entry, def.userId(), "user_id");
        copy(entry, def.projectId(), "project_id");
        copy(entry, def.resourceId(), "id");
        if (def.multi() == null) {
            Object value = def.valueAttribute().evaluate(entry);
            if (skip(value)) {
                return;
            }
            if (!def.valueMapping().isEmpty()) {
                Object key = PyValues.findKey(def.valueMapping(), value);
                if (key == PyValues.NO_KEY) {
                    LOG.warn("dynamic pollster {}: value {} has no value_mapping entry: default_value {} is used",
                            def.name(), PyValues.repr(value), PyValues.repr(def.defaultValue()));
                    value = def.defaultValue();
                } else {
                    value = def.valueMapping().get(key);
                }
            }
            out.accept(sample(def.name(), value, entry));
            return;
        }
        Definition.Multi multi = def.multi();
        if (!entry.containsKey(multi.listAttribute())) {
            throw EvalException.keyError(multi.listAttribute());
        }
        if (!(entry.get(multi.listAttribute()) instanceof List<?> subs)) {
            throw EvalException.typeError("'" + multi.listAttribute() + "' of a multi-metric pollster must be a list");
        }
        for (Object sub : subs) {
            Object subName = Operators.index(sub, multi.placeholder());
            Object value = sub;
            for (String k : multi.subPath()) {
                value = Operators.index(value, k);
            }
            if (skip(value) || skip(subName)) {
                continue;
            }
            out.accept(sample(def.name().replace("{" + multi.placeholder() + "}", PyValues.str(subName)), value, entry));
        }
    }

    private boolean skip(Object value) {
        for (Object s : def.skipSampleValues()) {
            if (PyValues.eq(s, value)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(Map<String, Object> entry, AttributePath path, String key) throws EvalException {
        if (path != null) {
            entry.put(key, path.evaluate(entry));
        }
    }

    private Sample sample(String name, Object value, Map<String, Object> entry) throws EvalException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (def.metadataFields() != null) {
            for (AttributePath p : def.metadataFields()) {
                metadata.put(p.source(), p.evaluate(entry));
            }
            for (String k : new ArrayList<>(metadata.keySet())) {
                String to = def.metadataMapping().get(k);
                if (to != null) {
                    metadata.put(to, metadata.get(k));
                    if (!def.preserveMappedMetadata()) {
                        metadata.remove(k);
                    }
                }
            }
        }
        try {
            return Sample.builder().name(name).type(def.sampleType()).unit(def.unit()).volume(value)
                    .userId(text(entry.get("user_id"))).projectId(text(entry.get("project_id")))
                    .resourceId(text(entry.get("id"))).resourceMetadata(metadata).build();
        } catch (IllegalArgumentException e) {
            throw EvalException.typeError(e.getMessage());
        }
    }

    private static String text(Object v) {
        return v == null ? null : PyValues.str(v);
    }
}
