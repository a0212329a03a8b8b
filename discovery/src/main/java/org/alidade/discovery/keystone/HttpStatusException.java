package org.alidade.discovery.keystone;

/** A service answered with a status other than 2xx. */
public class HttpStatusException extends OpenStackException {

    private static final long serialVersionUID = 1L;

    private static final int BODY_PREVIEW = 200;

    private final int status;

    public HttpStatusException(OpenStackResponse response) {
        super(response.method() + " " + response.uri() + " answered HTTP " + response.status() + preview(response));
        this.status = response.status();
    }

    public int status() {
        return status;
    }

    private static String preview(OpenStackResponse r) {
        String text = r.text().strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > BODY_PREVIEW ? text.substring(0, BODY_PREVIEW) + "…" : text);
    }
}
