package org.alidade.pollster.hardware.snmp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An SNMP agent to poll, parsed from upstream's resource URL (reference §4.2):
 * {@code snmp://[user[:password]@]host[:port][?auth_proto=…&priv_proto=…&priv_password=…]}.
 *
 * <p>SNMPv3 USM when the URL has a password, {@code auth_proto}, {@code priv_proto} or
 * {@code priv_password}; otherwise SNMPv2c with the user name as the community. A URL with no
 * user at all takes the defaults of PID {@code org.alidade.hardware}. Auth protocols: {@code md5},
 * {@code sha} and the SHA-2 family {@code sha224}, {@code sha256}, {@code sha384}, {@code sha512};
 * privacy: {@code des}, {@code aes}/{@code aes128}, {@code aes192}, {@code aes256} ({@code 3des}
 * too, as upstream). As in pysnmp, a password without {@code auth_proto} means MD5 and a privacy
 * password without {@code priv_proto} means DES.
 *
 * <p>Equality includes the credentials (two URLs with different keys are two reads), but
 * {@link #toString()} and {@link #safeUrl()} never show them.
 *
 * @param host      host name or IPv4 address
 * @param port      UDP port (161 by default)
 * @param community the v2c community, or {@code null}
 * @param usm       the v3 credentials, or {@code null}
 */
public record SnmpTarget(String host, int port, String community, UsmCredentials usm) {

    public static final int DEFAULT_PORT = 161;

    private static final Set<String> PARAMS = Set.of("auth_proto", "priv_proto", "priv_password");

    public SnmpTarget {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("an SNMP target needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SNMP port must be 1..65535, not " + port);
        }
    }

    /**
     * Parses a resource URL.
     *
     * @throws IllegalArgumentException with a message that names what is wrong and never
     *                                  repeats a credential
     */
    public static SnmpTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + redact(url));
        }
        if (!"snmp".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an snmp:// URL: " + redact(url));
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + redact(url));
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        Map<String, String> params = query(uri.getRawQuery(), url);
        String user = null;
        String password = null;
        String rawUserInfo = uri.getRawUserInfo();
        if (rawUserInfo != null) {
            int colon = rawUserInfo.indexOf(':');
            user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
            password = colon < 0 ? null : decode(rawUserInfo.substring(colon + 1));
        }
        boolean v3 = password != null || !params.isEmpty();
        if (!v3) {
            return new SnmpTarget(host, port, user == null || user.isEmpty() ? null : user, null);
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("SNMPv3 needs a user name in " + redact(url));
        }
        String authProto = params.get("auth_proto");
        String privProto = params.get("priv_proto");
        String privPassword = params.get("priv_password");
        if (password == null && (authProto != null || privPassword != null || privProto != null)) {
            throw new IllegalArgumentException("SNMPv3 auth_proto/priv_proto need the auth password "
                    + "(snmp://user:password@host) in " + redact(url));
        }
        if (privProto != null && privPassword == null) {
            throw new IllegalArgumentException("priv_proto needs priv_password in " + redact(url));
        }
        return new SnmpTarget(host, port, null, UsmCredentials.of(user, authProto == null ? "md5" : authProto,
                password, privPassword == null ? null : (privProto == null ? "des" : privProto), privPassword));
    }

    /** Whether credentials come from the URL (else from the configured defaults). */
    public boolean hasCredentials() {
        return community != null || usm != null;
    }

    /** The host and, when it is not 161, the port: the resource id of the host's samples. */
    public String hostId() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? h : h + ":" + port;
    }

    /** The URL without credentials: {@code snmp://host[:port]}. Safe for ids, metadata and logs. */
    public String safeUrl() {
        return "snmp://" + hostId();
    }

    @Override
    public String toString() {
        return safeUrl() + (usm != null ? " (v3 user " + usm.user() + ")" : community != null ? " (v2c)" : "");
    }

    /** Removes user info and query (where credentials live) from a URL-like text, for messages. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("//[^/@\\s]*@", "//***@");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?…";
    }

    private static Map<String, String> query(String raw, String url) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMS.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' in " + redact(url)
                        + " (known: auth_proto, priv_proto, priv_password)");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
