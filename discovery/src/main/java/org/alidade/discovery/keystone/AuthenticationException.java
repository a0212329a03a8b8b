package org.alidade.discovery.keystone;

/** Keystone refused the configured credentials (wrong user, password, domain or project). */
public class AuthenticationException extends OpenStackException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
