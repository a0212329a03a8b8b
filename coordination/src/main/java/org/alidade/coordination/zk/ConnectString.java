package org.alidade.coordination.zk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ZooKeeper connect string, validated: {@code host:port[,host:port…][/chroot]}, optionally
 * written as a tooz URL {@code zookeeper://…}. The port defaults to 2181; IPv6 addresses go in
 * brackets. What ZooKeeper would reject later, or silently misread, is rejected here with a
 * message that says what is wrong.
 *
 * @param hosts  {@code host:port} entries, in the given order
 * @param chroot the chroot path, or {@code ""} for none
 */
public record ConnectString(List<String> hosts, String chroot) {

    public ConnectString {
        hosts = List.copyOf(hosts);
    }

    /** The form ZooKeeper takes. */
    public String value() {
        return String.join(",", hosts) + chroot;
    }

    @Override
    public String toString() {
        return value();
    }

    /**
     * @throws IllegalArgumentException naming the bad part
     */
    public static ConnectString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("backend_url is empty");
        }
        String s = text.trim();
        if (s.regionMatches(true, 0, "zookeeper://", 0, "zookeeper://".length())) {
            s = s.substring("zookeeper://".length());
        } else if (s.contains("://")) {
            throw new IllegalArgumentException("backend_url '" + text + "': only ZooKeeper is supported "
                    + "(host:port[,host:port…][/chroot] or zookeeper://…)");
        }
        int slash = s.indexOf('/');
        String hostPart = slash < 0 ? s : s.substring(0, slash);
        String chroot = slash < 0 ? "" : s.substring(slash);
        if (chroot.equals("/")) {
            chroot = "";
        }
        if (!chroot.isEmpty()) {
            String problem = chrootProblem(chroot);
            if (problem != null) {
                throw new IllegalArgumentException("backend_url '" + text + "': bad chroot '" + chroot + "': " + problem);
            }
        }
        List<String> hosts = new ArrayList<>();
        for (String h : hostPart.split(",", -1)) {
            hosts.add(hostPort(text, h.trim()));
        }
        return new ConnectString(hosts, chroot);
    }

    private static String hostPort(String text, String h) {
        if (h.isEmpty()) {
            throw new IllegalArgumentException("backend_url '" + text + "': a host is empty");
        }
        String host;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("backend_url '" + text + "': '" + h + "' lacks its closing ]");
            }
            host = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("backend_url '" + text + "': bad host '" + h + "'");
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = h.lastIndexOf(':');
            if (colon != h.indexOf(':')) {
                throw new IllegalArgumentException("backend_url '" + text + "': IPv6 address '" + h
                        + "' must be written in brackets, e.g. [::1]:2181");
            }
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@' || c == '?')) {
            throw new IllegalArgumentException("backend_url '" + text + "': bad host '" + h + "'");
        }
        int p = 2181;
        if (!port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("backend_url '" + text + "': bad port '" + port + "' in '" + h + "'");
            }
        }
        return host + ":" + p;
    }

    /** What is wrong with a chroot path (ZooKeeper's own path rules), or {@code null}. */
    static String chrootProblem(String path) {
        if (!path.startsWith("/")) {
            return "must start with /";
        }
        if (path.endsWith("/")) {
            return "must not end with /";
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment (//)";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "relative segments (. and ..) are not allowed";
            }
            if (segment.equals("zookeeper") && path.startsWith("/zookeeper")) {
                return "/zookeeper is ZooKeeper's own tree";
            }
            for (char c : segment.toCharArray()) {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || c >= 0xfff0) {
                    return String.format("has a character ZooKeeper does not allow (U+%04X)", (int) c);
                }
            }
        }
        return null;
    }

    /**
     * Tries a plain TCP connection to every host, for a clear message when ZooKeeper cannot be
     * reached: {@code "zk1:2181 connection refused; zk2:2181 unknown host"}. A blocking call:
     * never on a polling thread.
     */
    public String probe(int timeoutMillis) {
        return hosts.stream().map(h -> h + " " + probeOne(h, timeoutMillis)).collect(Collectors.joining("; "));
    }

    private static String probeOne(String hostPort, int timeoutMillis) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return "unknown host";
        }
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMillis);
            return "accepts connections (but no ZooKeeper session was made)";
        } catch (java.net.ConnectException e) {
            return "connection refused";
        } catch (java.net.SocketTimeoutException e) {
            return "no answer within " + timeoutMillis + " ms";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
