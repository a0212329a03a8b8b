package org.alidade.discovery.openstack;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Validated PID {@value OpenStackConfig#PID}. {@link #toString()} never shows the password.
 *
 * @param authUrl      the Keystone v3 base URL (ends with {@code /v3}, no trailing slash)
 * @param interfaceName {@code public}, {@code internal} or {@code admin}
 * @param region       the region, or {@code null} for any
 * @param cafile       the CA file, or {@code null}
 */
record OpenStackSettings(URI authUrl, String username, String password, String userDomainName, String userDomainId,
        String projectName, String projectId, String projectDomainName, String projectDomainId, String interfaceName,
        String region, Path cafile, boolean insecure, Duration timeout) {

    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    /**
     * Checks the configuration; the message of the exception names the PID and the property.
     *
     * @throws IllegalArgumentException when a property is missing or invalid
     */
    static OpenStackSettings from(OpenStackConfig c) {
        String pid = OpenStackConfig.PID + ": ";
        String auth = c.auth__url().trim();
        if (auth.isEmpty()) {
            throw new IllegalArgumentException(pid + "auth_url is not set (the Keystone URL, e.g. http://keystone:5000/v3)");
        }
        URI authUrl = v3(auth);
        if (c.username().isBlank()) {
            throw new IllegalArgumentException(pid + "username is not set");
        }
        if (c.password().isEmpty()) {
            throw new IllegalArgumentException(pid + "password is not set");
        }
        if (c.project__name().isBlank() && c.project__id().isBlank()) {
            throw new IllegalArgumentException(pid + "project_name (or project_id) is not set: the token must be "
                    + "scoped to a project to carry a service catalog");
        }
        String iface = normalizeInterface(c.interface$());
        if (!(c.timeout() > 0)) {
            throw new IllegalArgumentException(pid + "timeout must be > 0 seconds, not " + c.timeout());
        }
        return new OpenStackSettings(authUrl, c.username().trim(), c.password(), blankToNull(c.user__domain__name()),
                blankToNull(c.user__domain__id()), blankToNull(c.project__name()), blankToNull(c.project__id()),
                blankToNull(c.project__domain__name()), blankToNull(c.project__domain__id()), iface,
                blankToNull(c.region__name()), c.cafile().isBlank() ? null : Path.of(c.cafile().trim()), c.insecure(),
                Duration.ofMillis(Math.round(c.timeout() * 1000)));
    }

    /** {@code publicURL} → {@code public}, as keystoneauth accepts both spellings. */
    static String normalizeInterface(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("url")) {
            v = v.substring(0, v.length() - 3);
        }
        if (!INTERFACES.contains(v)) {
            throw new IllegalArgumentException(OpenStackConfig.PID + ": interface must be public, internal or admin "
                    + "(or publicURL, internalURL, adminURL), not '" + value + "'");
        }
        return v;
    }

    /** {@code http://k:5000}, {@code http://k:5000/}, {@code http://k:5000/v3/} → {@code http://k:5000/v3}. */
    static URI v3(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!u.endsWith("/v3")) {
            u = u + "/v3";
        }
        try {
            URI uri = new URI(u);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(OpenStackConfig.PID + ": auth_url '" + url + "' is not valid: "
                    + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Who authenticates, for messages: user, domain and project, never the password. */
    String who() {
        return "user '" + username + "' (domain " + (userDomainId != null ? "id '" + userDomainId : "'" + userDomainName)
                + "'), project " + (projectId != null ? "id '" + projectId + "'"
                        : "'" + projectName + "' (domain " + (projectDomainId != null ? "id '" + projectDomainId
                                : "'" + projectDomainName) + "')");
    }

    @Override
    public String toString() {
        return "OpenStackSettings[authUrl=" + authUrl + ", " + who() + ", interface=" + interfaceName + ", region="
                + region + ", cafile=" + cafile + ", insecure=" + insecure + ", timeout=" + timeout + "]";
    }
}
