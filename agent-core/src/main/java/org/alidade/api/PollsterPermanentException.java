package org.alidade.api;

import java.util.List;

/**
 * Thrown by a pollster for resources it can never poll (e.g. a meter the hypervisor does not
 * support for that instance). The engine stops polling those resources with that pollster in
 * that source, until the blacklist is cleared from the shell; unlike Ceilometer's, the
 * blacklist is visible and clearable.
 */
public class PollsterPermanentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Resource> resources;

    public PollsterPermanentException(List<Resource> resources, String message) {
        super(message);
        this.resources = List.copyOf(resources);
    }

    public PollsterPermanentException(List<Resource> resources, String message, Throwable cause) {
        super(message, cause);
        this.resources = List.copyOf(resources);
    }

    /** The resources never to poll again with this pollster. */
    public List<Resource> resources() {
        return resources;
    }
}
