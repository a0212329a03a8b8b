package org.alidade.agent.core.config;

import java.util.Objects;

/**
 * A discovery URL of a polling source, split the way Ceilometer splits it (reference §1.9):
 * {@code name} alone, or {@code name:param}.
 *
 * <table>
 * <caption>Examples</caption>
 * <tr><th>URL</th><th>name</th><th>param</th></tr>
 * <tr><td>{@code local_instances}</td><td>{@code local_instances}</td><td>null</td></tr>
 * <tr><td>{@code endpoint:compute}</td><td>{@code endpoint}</td><td>{@code compute}</td></tr>
 * <tr><td>{@code barbican:}</td><td>{@code barbican}</td><td>{@code ""}</td></tr>
 * <tr><td>{@code endpoint://foo/bar}</td><td>{@code endpoint}</td><td>{@code foo/bar}</td></tr>
 * </table>
 *
 * <p>Ceilometer runs the text through Python's {@code urlparse}: the scheme becomes the name and
 * netloc+path the parameter, which is why a {@code //} after the colon disappears. Alidade keeps
 * that, but not urlparse's accidents: the name is everything before the first colon even when it
 * holds characters a URL scheme may not ({@code local_instances:x} is {@code local_instances}
 * with {@code x}, where Python would take the whole text as an unknown name), the name keeps its
 * case (Python lower-cases a scheme but not a bare name), and a {@code ?query} or {@code #fragment}
 * stays in the parameter instead of being dropped silently — it is the discovery's to interpret.
 *
 * @param name  the discovery's {@code discovery.name}, never blank, no colon
 * @param param its parameter: null when the URL has no colon, possibly empty
 */
public record DiscoveryUrl(String name, String param) {

    /**
     * @throws IllegalArgumentException when the name is blank or holds a colon, which no URL
     *                                  could give back
     */
    public DiscoveryUrl {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a discovery name must be non-empty and without ':', not \"" + name + "\"");
        }
    }

    /**
     * Splits a discovery URL.
     *
     * @throws IllegalArgumentException when the URL is empty or has nothing before its colon
     *                                  (the message quotes the URL)
     */
    public static DiscoveryUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int colon = url.indexOf(':');
        if (colon < 0) {
            if (url.isBlank()) {
                throw new IllegalArgumentException("a discovery URL must not be empty");
            }
            return new DiscoveryUrl(url, null);
        }
        if (url.substring(0, colon).isBlank()) {
            throw new IllegalArgumentException("\"" + url + "\" has no discovery name before ':'");
        }
        String param = url.substring(colon + 1);
        // "name://netloc/path" gives netloc+path upstream: the two slashes are URL syntax only.
        if (param.startsWith("//")) {
            param = param.substring(2);
        }
        return new DiscoveryUrl(url.substring(0, colon), param);
    }

    /**
     * The URL again: {@code name} or {@code name:param}, the text it was parsed from in those two
     * forms; a URL written {@code name://param} comes back as {@code name:param}, which means the
     * same.
     */
    @Override
    public String toString() {
        if (param == null) {
            return name;
        }
        // A parameter that itself starts with "//" must keep its own slashes through a re-parse.
        return param.startsWith("//") ? name + "://" + param : name + ":" + param;
    }
}
