package org.alidade.discovery.openstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLException;
import org.alidade.discovery.keystone.AuthenticationException;
import org.alidade.discovery.keystone.Endpoint;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one valid configuration: Keystone v3 password authentication scoped to a
 * project, the token shared and renewed before its end (or when a service rejects it), requests
 * through one JDK {@link HttpClient}.
 */
final class PasswordSession implements KeystoneSession {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordSession.class);

    static final String TOKEN_HEADER = "X-Auth-Token";

    private final OpenStackSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Object lock = new Object();
    private Token token; // guarded by lock

    PasswordSession(OpenStackSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(Tls.context(settings.cafile(), settings.insecure())).build();
    }

    OpenStackSettings settings() {
        return settings;
    }

    @Override
    public List<Endpoint> endpoints(String serviceType) throws OpenStackException, InterruptedException {
        return token(null).catalog().select(serviceType, settings.interfaceName(), settings.region());
    }

    @Override
    public String projectId() throws OpenStackException, InterruptedException {
        return token(null).projectId();
    }

    @Override
    public URI identityUrl() {
        return settings.authUrl();
    }

    @Override
    public OpenStackResponse send(String method, URI uri, Map<String, String> headers, Duration timeout)
            throws OpenStackException, InterruptedException {
        Token t = token(null);
        OpenStackResponse r = exchange(method, uri, headers, timeout, t);
        if (r.status() == 401) {
            LOG.info("{} {} rejected the token (HTTP 401): renewing it", method, uri);
            r = exchange(method, uri, headers, timeout, token(t));
        }
        return r;
    }

    private OpenStackResponse exchange(String method, URI uri, Map<String, String> headers, Duration timeout, Token t)
            throws OpenStackException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout == null ? settings.timeout() : timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        boolean accept = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            b.header(h.getKey(), h.getValue());
            accept |= h.getKey().equalsIgnoreCase("Accept");
        }
        if (!accept) {
            b.header("Accept", "application/json");
        }
        b.header(TOKEN_HEADER, t.value());
        return call(method, uri, b.build());
    }

    /** Sends a request; failures to get any answer become an exception naming the call. */
    private OpenStackResponse call(String method, URI uri, HttpRequest request)
            throws OpenStackException, InterruptedException {
        try {
            HttpResponse<byte[]> resp = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new TreeMap<>();
            resp.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            byte[] body = resp.body() == null ? new byte[0] : resp.body();
            return new OpenStackResponse(method, uri, resp.statusCode(), Map.copyOf(headers), body);
        } catch (SSLException e) {
            throw new OpenStackException(method + " " + uri + " failed: " + tlsProblem(e), e);
        } catch (IOException e) {
            throw new OpenStackException(method + " " + uri + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** What went wrong in a TLS handshake, saying which option to set when the server is not trusted. */
    private String tlsProblem(SSLException e) {
        Throwable cause = null;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof CertificateException) {
                cause = t;
            }
        }
        if (cause == null) {
            return "TLS: " + e.getMessage() + " (is cafile of PID " + OpenStackConfig.PID + " the CA of this server?)";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "TLS: the server certificate is not trusted (" + detail + "); "
                + (settings.cafile() == null ? "cafile is not set, so only the JDK's default trust store is used; "
                        : "cafile is " + settings.cafile() + "; ")
                + "set cafile of PID " + OpenStackConfig.PID + " to a PEM file of the CA certificate(s) that "
                + "signed it (or insecure = true, for testing only)";
    }

    /**
     * The current token, authenticating when there is none, it is stale, or it is {@code rejected}
     * (a service answered 401 to it). One caller authenticates; the others wait for its token.
     */
    Token token(Token rejected) throws OpenStackException, InterruptedException {
        synchronized (lock) {
            if (token != null && token != rejected && !token.isStale(clock.instant())) {
                return token;
            }
            token = authenticate();
            return token;
        }
    }

    private Token authenticate() throws OpenStackException, InterruptedException {
        URI uri = URI.create(settings.authUrl() + "/auth/tokens");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody())).build();
        OpenStackResponse r = call("POST", uri, request);
        if (r.status() == 401 || r.status() == 403) {
            throw new AuthenticationException("Keystone " + settings.authUrl() + " refused " + settings.who()
                    + ": HTTP " + r.status() + "; check username, password, the domains and the project of PID "
                    + OpenStackConfig.PID);
        }
        r.requireSuccess();
        String value = r.header("X-Subject-Token");
        if (value == null || value.isEmpty()) {
            throw new OpenStackException("Keystone " + uri + " answered HTTP " + r.status()
                    + " without an X-Subject-Token header: is auth_url a Keystone v3 URL?");
        }
        Map<String, Object> body = Json.map(Json.object(r).get("token"));
        Instant now = clock.instant();
        Token t = new Token(value, now, expiry(body.get("expires_at")), Json.string(Json.map(body.get("user")).get("id")),
                Json.string(Json.map(body.get("project")).get("id")), Catalog.parse(body.get("catalog")));
        LOG.info("Keystone {}: authenticated {}; token expires {}", settings.authUrl(), settings.who(), t.expiresAt());
        return t;
    }

    private static Instant expiry(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            LOG.warn("Keystone token expiry '{}' is not ISO-8601: the token is renewed only when rejected", value);
            return null;
        }
    }

    /** The v3 password authentication request; the password only ever goes here. */
    private String requestBody() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username());
        user.put("password", settings.password());
        domain(user, settings.userDomainId(), settings.userDomainName());
        ObjectNode project = auth.putObject("scope").putObject("project");
        if (settings.projectId() != null) {
            project.put("id", settings.projectId());
        } else {
            project.put("name", settings.projectName());
            domain(project, settings.projectDomainId(), settings.projectDomainName());
        }
        return root.toString();
    }

    private static void domain(ObjectNode owner, String id, String name) {
        if (id != null) {
            owner.putObject("domain").put("id", id);
        } else if (name != null) {
            owner.putObject("domain").put("name", name);
        }
    }
}
