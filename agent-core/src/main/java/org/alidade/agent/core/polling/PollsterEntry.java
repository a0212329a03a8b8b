package org.alidade.agent.core.polling;

import java.util.List;
import org.alidade.api.Pollster;

/**
 * A registered pollster service as the engine sees it.
 *
 * @param name             property {@code pollster.name}
 * @param namespaces       property {@code pollster.namespace}
 * @param defaultDiscovery the pollster's fallback discovery URL, or {@code null}
 * @param serviceId        identity: two registrations of one name are two entries
 * @param bundle           symbolic name of the registering bundle, for listings
 */
public record PollsterEntry(String name, List<String> namespaces, String defaultDiscovery, Pollster pollster,
        long serviceId, String bundle) {

    public PollsterEntry {
        namespaces = List.copyOf(namespaces);
    }
}
