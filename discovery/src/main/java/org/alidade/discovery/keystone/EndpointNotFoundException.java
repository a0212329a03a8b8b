package org.alidade.discovery.keystone;

/**
 * The service catalog has no service of the requested type, or none of its endpoints matches the
 * configured interface and region.
 */
public class EndpointNotFoundException extends OpenStackException {

    private static final long serialVersionUID = 1L;

    private final String serviceType;

    public EndpointNotFoundException(String serviceType, String message) {
        super(message);
        this.serviceType = serviceType;
    }

    /** The service type asked for, or {@code null} for "any". */
    public String serviceType() {
        return serviceType;
    }
}
