package org.alidade.compute.inspector;

/** The hypervisor could not answer (no connection, an error of the call). The message says which call and why. */
public class InspectorException extends Exception {

    private static final long serialVersionUID = 1L;

    public InspectorException(String message) {
        super(message);
    }

    public InspectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
