package org.alidade.discovery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback OpenStack for tests: Keystone v3 ({@code POST /identity/v3/auth/tokens} with a
 * service catalog, token checks on every other request) and canned service responses. Real HTTP
 * on 127.0.0.1, so the client under test is the production one.
 *
 * <p>The catalog points at paths of this server: {@code /identity} (identity), {@code /image}
 * (image), {@code /volume/v3/<project>} (volumev3), {@code /network} (network),
 * {@code /swift/v1/AUTH_<project>} (object-store), {@code /compute/v2.1} (compute).
 *
 * <p>{@link #startHttps} serves the same over HTTPS with the server key of a given TLS context.
 */
public final class FakeOpenStack implements AutoCloseable {

    public static final String USER = "ceilometer";
    public static final String PASSWORD = "Sup3r-Secret-Pa55";
    public static final String PROJECT = "service";
    public static final String PROJECT_ID = "5e71ce0000000000000000000000aaaa";
    public static final String USER_ID = "ce11000000000000000000000000bbbb";
    public static final String REGION = "RegionOne";

    /** One request as the server saw it. */
    public record Seen(String method, String pathAndQuery, String token, Map<String, String> headers) {
    }

    private record Canned(int status, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final boolean https;
    private final Clock clock;
    private final Map<String, Canned> routes = new ConcurrentHashMap<>();
    private final Map<String, Canned> broken = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> services = new LinkedHashMap<>();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile String publicHost;

    private FakeOpenStack(Clock clock, SSLContext tls) throws IOException {
        this.clock = clock;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer s = HttpsServer.create(loopback, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = s;
        }
        https = tls != null;
        server.createContext("/", this::handle);
        server.start();
        publicHost = url();
        services.put("identity", "/identity/v3");
        services.put("image", "/image");
        services.put("volumev3", "/volume/v3/" + PROJECT_ID);
        services.put("network", "/network");
        services.put("object-store", "/swift/v1/AUTH_" + PROJECT_ID);
        services.put("compute", "/compute/v2.1");
    }

    /** Starts a server whose token expiry times come from {@code clock}. */
    public static FakeOpenStack start(Clock clock) throws IOException {
        return new FakeOpenStack(clock, null);
    }

    /**
     * Starts an HTTPS server on 127.0.0.1 presenting the key and certificate of {@code tls} (a
     * context initialised with a key manager); {@link #url()} and the catalog are then https.
     */
    public static FakeOpenStack startHttps(Clock clock, SSLContext tls) throws IOException {
        return new FakeOpenStack(clock, java.util.Objects.requireNonNull(tls, "tls"));
    }

    public static FakeOpenStack start() throws IOException {
        return start(Clock.systemUTC());
    }

    /** {@code http://127.0.0.1:<port>} (or {@code https://} when started by {@link #startHttps}) */
    public String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Keystone URL to configure ({@code /identity}, without {@code /v3}: the session adds it). */
    public String authUrl() {
        return url() + "/identity";
    }

    /** The catalog URL of a service type. */
    public String endpoint(String type) {
        return publicHost + services.get(type);
    }

    /** Removes a service from the catalog of the next tokens. */
    public void removeService(String type) {
        synchronized (services) {
            services.remove(type);
        }
    }

    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Keystone forgets every token it issued: services answer 401 until a new one is obtained. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public void clearRequests() {
        seen.clear();
    }

    /** Answers {@code GET pathAndQuery} with 200 and a JSON body. */
    public void json(String pathAndQuery, String body) {
        route("GET", pathAndQuery, 200, Map.of("Content-Type", "application/json"), body);
    }

    public void route(String method, String pathAndQuery, int status, Map<String, String> headers, String body) {
        routes.put(method + " " + pathAndQuery, new Canned(status, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every request under {@code pathPrefix} gets this answer, until {@link #repair}. */
    public void breakPrefix(String pathPrefix, int status, String body) {
        broken.put(pathPrefix, new Canned(status, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    public void repair() {
        broken.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String pq = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            seen.add(new Seen(method, pq, token, headers));
            if (method.equals("POST") && pq.equals("/identity/v3/auth/tokens")) {
                authenticate(ex);
                return;
            }
            if (token == null || !validTokens.contains(token)) {
                send(ex, new Canned(401, Map.of("Content-Type", "application/json"),
                        "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}"
                                .getBytes(StandardCharsets.UTF_8)));
                return;
            }
            for (Map.Entry<String, Canned> b : broken.entrySet()) {
                if (pq.startsWith(b.getKey())) {
                    send(ex, b.getValue());
                    return;
                }
            }
            Canned c = routes.get(method + " " + pq);
            if (c == null && method.equals("HEAD")) {
                c = routes.get("HEAD " + pq);
            }
            send(ex, c != null ? c : new Canned(404, Map.of("Content-Type", "application/json"),
                    ("{\"itemNotFound\":{\"code\":404,\"message\":\"no route " + method + " " + pq + "\"}}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void authenticate(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = body.contains("\"name\":\"" + USER + "\"") && body.contains("\"password\":\"" + PASSWORD + "\"")
                && (body.contains("\"name\":\"" + PROJECT + "\"") || body.contains("\"id\":\"" + PROJECT_ID + "\""));
        if (!ok) {
            send(ex, new Canned(401, Map.of("Content-Type", "application/json"),
                    "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}"
                            .getBytes(StandardCharsets.UTF_8)));
            return;
        }
        String token = "gAAAAAtoken-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        Instant now = clock.instant();
        StringBuilder catalog = new StringBuilder();
        synchronized (services) {
            for (Map.Entry<String, String> s : services.entrySet()) {
                if (catalog.length() > 0) {
                    catalog.append(',');
                }
                String pub = publicHost + s.getValue();
                String internal = "http://internal.invalid" + s.getValue();
                catalog.append("{\"type\":\"").append(s.getKey()).append("\",\"name\":\"").append(s.getKey())
                        .append("-svc\",\"id\":\"").append(s.getKey().hashCode()).append("\",\"endpoints\":[")
                        .append(ep("public", REGION, pub)).append(',').append(ep("internal", REGION, internal))
                        .append(',').append(ep("public", "RegionTwo", "http://region-two.invalid" + s.getValue()))
                        .append("]}");
            }
        }
        String json = "{\"token\":{\"methods\":[\"password\"],\"expires_at\":\"" + now.plus(tokenLifetime)
                + "\",\"issued_at\":\"" + now + "\",\"user\":{\"id\":\"" + USER_ID + "\",\"name\":\"" + USER
                + "\",\"domain\":{\"id\":\"default\",\"name\":\"Default\"}},\"project\":{\"id\":\"" + PROJECT_ID
                + "\",\"name\":\"" + PROJECT + "\",\"domain\":{\"id\":\"default\",\"name\":\"Default\"}},"
                + "\"roles\":[{\"id\":\"r1\",\"name\":\"admin\"}],\"catalog\":[" + catalog + "]}}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Subject-Token", token);
        send(ex, new Canned(201, headers, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String ep(String iface, String region, String url) {
        return "{\"id\":\"" + (iface + region + url).hashCode() + "\",\"interface\":\"" + iface
                + "\",\"region_id\":\"" + region + "\",\"region\":\"" + region + "\",\"url\":\"" + url + "\"}";
    }

    private static void send(HttpExchange ex, Canned c) throws IOException {
        c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head || c.body().length == 0) {
            ex.sendResponseHeaders(c.status(), -1);
            return;
        }
        ex.sendResponseHeaders(c.status(), c.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(c.body());
        }
    }

    /** Keystone's own lists for the tenant discovery: two domains, projects on two pages. */
    public void keystoneProjects() {
        json("/identity/v3/domains", "{\"domains\":[{\"id\":\"default\",\"name\":\"Default\",\"enabled\":true},"
                + "{\"id\":\"d2\",\"name\":\"customers\",\"enabled\":true}],\"links\":{\"self\":\"" + url()
                + "/identity/v3/domains\",\"next\":null,\"previous\":null}}");
        json("/identity/v3/projects?domain_id=default", "{\"projects\":[{\"id\":\"" + PROJECT_ID
                + "\",\"name\":\"service\",\"domain_id\":\"default\",\"enabled\":true,\"description\":\"Service\"},"
                + "{\"id\":\"p-admin\",\"name\":\"admin\",\"domain_id\":\"default\",\"enabled\":true}],"
                + "\"links\":{\"next\":\"" + url() + "/identity/v3/projects?domain_id=default&marker=p-admin\"}}");
        json("/identity/v3/projects?domain_id=default&marker=p-admin", "{\"projects\":[{\"id\":\"p-old\","
                + "\"name\":\"old\",\"domain_id\":\"default\",\"enabled\":false,\"description\":\"\"}],\"links\":{\"next\":null}}");
        json("/identity/v3/projects?domain_id=d2", "{\"projects\":[{\"id\":\"p-acme\",\"name\":\"acme\","
                + "\"domain_id\":\"d2\",\"enabled\":true,\"description\":\"ACME Corp\"}],\"links\":{\"next\":null}}");
    }

    /** Recorded requests whose path and query start with {@code prefix}. */
    public List<Seen> requests(String prefix) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.pathAndQuery().startsWith(prefix)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
