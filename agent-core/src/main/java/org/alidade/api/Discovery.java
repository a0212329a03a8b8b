package org.alidade.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds the resources to poll: the instances on this hypervisor, the endpoints of a service
 * type, the SNMP targets of a list, …
 *
 * <p>Register it as a service with the property {@value #NAME} (the name in discovery URLs such
 * as {@code endpoint:image}) and optionally {@value #GROUP} (the partitioning group; default
 * {@value #DEFAULT_GROUP}). Results are cached by the engine for one cycle per URL, so every
 * pollster of a cycle sees the same list.
 */
@ConsumerType
public interface Discovery {

    /** Service property: the discovery's name ({@code String}). */
    String NAME = "discovery.name";

    /** Service property: the partitioning group ({@code String}), e.g. the host for host-local discoveries. */
    String GROUP = "discovery.group";

    /** The group a discovery belongs to when it names none. */
    String DEFAULT_GROUP = "global";

    /**
     * Returns the resources found now.
     *
     * @param context the cycle this call belongs to
     * @param param   the part after {@code :} in the discovery URL, or {@code null} when the URL
     *                has none
     */
    List<Resource> discover(PollContext context, String param) throws Exception;
}
