package org.alidade.pollster.central.openstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;

/**
 * The OpenStack calls of the central family, through the agent's Keystone session: endpoints by
 * service type, JSON bodies, and lists followed across pages.
 */
public final class OpenStackApi {

    /** Made on first use: an agent without OpenStack sources never loads Jackson's databind. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
    private static final int MAX_PAGES = 10_000;

    private final KeystoneSession session;
    private volatile ServiceTypes types;

    public OpenStackApi(KeystoneSession session, ServiceTypes types) {
        this.session = session;
        this.types = types;
    }

    public KeystoneSession session() {
        return session;
    }

    public ServiceTypes types() {
        return types;
    }

    public void types(ServiceTypes t) {
        types = t;
    }

    /**
     * Every entry of a list API, page after page: Glance's {@code next} (relative to the endpoint)
     * and the {@code <key>_links} {@code rel=next} links of Cinder and Neutron are followed.
     *
     * @param first the first page
     * @param key   the key of the list in each page ({@code images}, {@code volumes}, …)
     * @param root  what a relative {@code next} is appended to (Glance: the endpoint)
     */
    public List<Map<String, Object>> listAll(URI first, String key, String root, Map<String, String> headers)
            throws OpenStackException, InterruptedException {
        List<Map<String, Object>> all = new ArrayList<>();
        URI next = first;
        for (int page = 1; next != null; page++) {
            if (page > MAX_PAGES) {
                throw new OpenStackException("GET " + first + ": more than " + MAX_PAGES + " pages (a loop?)");
            }
            Map<String, Object> body = object(session.get(next, headers).requireSuccess());
            Object entries = body.get(key);
            if (!(entries instanceof List<?> list)) {
                throw new OpenStackException("GET " + next + " answered JSON without a '" + key + "' list");
            }
            for (Object o : list) {
                if (o instanceof Map) {
                    all.add(Values.map(o));
                }
            }
            URI following = nextPage(next, body, key, root);
            next = following == null || following.equals(next) ? null : following;
        }
        return all;
    }

    private static URI nextPage(URI current, Map<String, Object> body, String key, String root) {
        if (body.get("next") instanceof String s && !s.isEmpty()) {
            if (s.startsWith("http://") || s.startsWith("https://")) {
                return URI.create(s);
            }
            return URI.create(trimSlash(root) + (s.startsWith("/") ? s : "/" + s));
        }
        for (Object link : Values.list(body.get(key + "_links"))) {
            Map<String, Object> l = Values.map(link);
            if ("next".equals(l.get("rel")) && l.get("href") instanceof String href) {
                return current.resolve(href);
            }
        }
        return null;
    }

    /** The body as a JSON object; anything else is an exception naming the call. */
    public static Map<String, Object> object(OpenStackResponse r) throws OpenStackException {
        Object value = parse(r);
        if (!(value instanceof Map)) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered JSON that is not an object");
        }
        return Values.map(value);
    }

    /** The body as any JSON value (maps, lists, strings, numbers of their exact JSON type). */
    public static Object parse(OpenStackResponse r) throws OpenStackException {
        try {
            return Mapper.INSTANCE.readValue(r.body(), Object.class);
        } catch (JsonProcessingException e) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered a body that is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered an unreadable body: " + e);
        }
    }

    /** The endpoint URL without trailing slashes and without a trailing version segment {@code version}. */
    public static String base(String endpoint, String version) {
        String b = trimSlash(endpoint);
        if (version != null && b.endsWith("/" + version)) {
            b = b.substring(0, b.length() - version.length() - 1);
        }
        return b;
    }

    static String trimSlash(String s) {
        String b = s;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
