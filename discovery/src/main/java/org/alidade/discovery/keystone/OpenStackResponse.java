package org.alidade.discovery.keystone;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response of an OpenStack service.
 *
 * @param method  the request method
 * @param uri     the request URI
 * @param status  the HTTP status
 * @param headers the response headers, names in lower case
 * @param body    the body bytes (empty for {@code HEAD})
 */
public record OpenStackResponse(String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * This response when its status is 2xx.
     *
     * @throws HttpStatusException naming the method, URL and status, with the start of the body
     */
    public OpenStackResponse requireSuccess() throws HttpStatusException {
        if (!isSuccess()) {
            throw new HttpStatusException(this);
        }
        return this;
    }
}
