package org.alidade.agent.core.polling;

import org.alidade.api.Discovery;

/**
 * A registered discovery service.
 *
 * @param ranking service ranking; the highest wins when two share a name
 */
public record DiscoveryEntry(String name, String group, Discovery discovery, long serviceId, int ranking,
        String bundle) {
}
