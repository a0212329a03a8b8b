package org.alidade.publisher.amqp.link;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An oslo.messaging transport URL: {@code rabbit://user:pass@host:port[,user2:pass2@host2:port2]/vhost?query}
 * (also {@code amqp://} and {@code amqps://}; the latter, or {@code ?ssl=1}, turns TLS on). Each
 * host may carry its own credentials; a host without them takes the first host's, as oslo does.
 * User, password and vhost are percent-decoded; an empty vhost is {@code /}.
 *
 * <p>{@link #toString()} never shows a password.
 */
public record TransportUrl(String scheme, List<Host> hosts, String virtualHost, Map<String, String> query) {

    /** One broker of the failover list. */
    public record Host(String host, int port, String username, String password) {
        @Override
        public String toString() {
            return (username.isEmpty() ? "" : username + ":***@") + host + ":" + port;
        }

        /** {@code host:port} only. */
        public String address() {
            return host + ":" + port;
        }
    }

    public TransportUrl {
        hosts = List.copyOf(hosts);
        query = Map.copyOf(query);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, never echoing a password
     */
    public static TransportUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("transport_url is empty");
        }
        String u = url.trim();
        int colon = u.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("transport_url must look like rabbit://user:pass@host:port/vhost");
        }
        String scheme = u.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("rabbit") && !scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException("transport_url scheme must be rabbit, amqp or amqps, not " + scheme);
        }
        String rest = u.substring(colon + 3);
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                query.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        // the host list ends at the first '/' after the last '@' (a password may contain '/', escaped or not)
        int at = rest.lastIndexOf('@');
        int slash = rest.indexOf('/', Math.max(0, at));
        String netloc = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String vhost = path.isEmpty() ? "/" : decode(path);
        boolean tls = scheme.equals("amqps");
        int defaultPort = tls ? 5671 : 5672;

        List<Host> hosts = new ArrayList<>();
        String user = null;
        String pass = null;
        for (String part : splitHosts(netloc)) {
            String hostPort = part;
            String u1 = null;
            String p1 = null;
            int a = part.lastIndexOf('@');
            if (a >= 0) {
                String cred = part.substring(0, a);
                hostPort = part.substring(a + 1);
                int c = cred.indexOf(':');
                u1 = decode(c < 0 ? cred : cred.substring(0, c));
                p1 = c < 0 ? "" : decode(cred.substring(c + 1));
            }
            if (user == null && u1 != null) {
                user = u1;
                pass = p1;
            }
            hosts.add(hostPort(hostPort, defaultPort, u1, p1));
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("transport_url names no host");
        }
        List<Host> filled = new ArrayList<>();
        for (Host h : hosts) {
            filled.add(h.username() != null ? h
                    : new Host(h.host(), h.port(), user == null ? "guest" : user, pass == null ? "guest" : pass));
        }
        return new TransportUrl(scheme, filled, vhost, query);
    }

    private static List<String> splitHosts(String netloc) {
        // commas separate hosts; credentials may hold an escaped comma only
        List<String> parts = new ArrayList<>();
        for (String p : netloc.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }

    private static Host hostPort(String hp, int defaultPort, String user, String pass) {
        String host;
        String port = null;
        if (hp.startsWith("[")) { // IPv6 literal
            int end = hp.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("transport_url: unclosed [ in host " + hp);
            }
            host = hp.substring(1, end);
            if (hp.length() > end + 1 && hp.charAt(end + 1) == ':') {
                port = hp.substring(end + 2);
            }
        } else {
            int c = hp.lastIndexOf(':');
            host = c < 0 ? hp : hp.substring(0, c);
            port = c < 0 ? null : hp.substring(c + 1);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        int p = defaultPort;
        if (port != null && !port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("transport_url: port of host " + host + " is not a number: " + port);
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("transport_url: port of host " + host + " out of range: " + p);
            }
        }
        return new Host(host, p, user, pass);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** TLS on: {@code amqps://}, or {@code ssl} in the query set to a true value. */
    public boolean tls() {
        String ssl = query.get("ssl");
        return scheme.equals("amqps") || ssl != null && (ssl.equals("1") || ssl.equalsIgnoreCase("true"));
    }

    /** The same URL with every password replaced by {@code password}, when that is not empty. */
    public TransportUrl withPassword(String password) {
        if (password == null || password.isEmpty()) {
            return this;
        }
        return new TransportUrl(scheme, hosts.stream().map(h -> new Host(h.host(), h.port(), h.username(), password))
                .toList(), virtualHost, query);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(scheme).append("://");
        for (int i = 0; i < hosts.size(); i++) {
            s.append(i == 0 ? "" : ",").append(hosts.get(i));
        }
        return s.append('/').append(virtualHost.equals("/") ? "" : virtualHost).toString();
    }
}
