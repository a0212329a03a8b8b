package org.alidade.discovery.keystone;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's Keystone v3 session (password authentication, project scope). Thread-safe; one token
 * is shared by every caller and renewed shortly before Keystone says it expires, or at once when a
 * service answers 401 to it.
 */
@ProviderType
public interface KeystoneSession {

    /**
     * The endpoints of the catalog for the configured {@code interface} and {@code region_name}.
     *
     * @param serviceType a catalog service type ({@code image}, {@code volumev3}, …), or
     *                    {@code null} for every service
     * @return never empty
     * @throws EndpointNotFoundException when the catalog has no such service, or none of its
     *                                   endpoints matches the interface and region
     */
    List<Endpoint> endpoints(String serviceType) throws OpenStackException, InterruptedException;

    /** The URL of the first endpoint {@link #endpoints(String)} returns for {@code serviceType}. */
    default String endpointUrl(String serviceType) throws OpenStackException, InterruptedException {
        return endpoints(serviceType).get(0).url();
    }

    /**
     * Sends an authenticated request ({@code X-Auth-Token}); when the service answers 401, renews the
     * token once and sends it again. Any status comes back as a response: see
     * {@link OpenStackResponse#requireSuccess()}.
     *
     * @param method  {@code GET}, {@code HEAD}, …
     * @param headers extra request headers (e.g. {@code OpenStack-API-Version}); may be empty
     * @param timeout the time limit of the request, or {@code null} for the configured one
     * @throws OpenStackException when no token can be had, or the request cannot be sent (the
     *                            message names the method and URL)
     */
    OpenStackResponse send(String method, URI uri, Map<String, String> headers, Duration timeout)
            throws OpenStackException, InterruptedException;

    /** An authenticated {@code GET} with the configured time limit. */
    default OpenStackResponse get(URI uri, Map<String, String> headers) throws OpenStackException, InterruptedException {
        return send("GET", uri, headers, null);
    }

    /** The project the service user's token is scoped to (authenticating first if needed). */
    String projectId() throws OpenStackException, InterruptedException;

    /**
     * The Keystone v3 base URL ({@code auth_url} ending in {@code /v3}), for identity calls such as
     * listing domains and projects.
     */
    URI identityUrl() throws OpenStackException;
}
