package org.alidade.discovery.keystone;

/**
 * A call to Keystone or another OpenStack service failed. The message says what was called and
 * what to fix; it never contains a password or a token.
 */
public class OpenStackException extends Exception {

    private static final long serialVersionUID = 1L;

    public OpenStackException(String message) {
        super(message);
    }

    public OpenStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
