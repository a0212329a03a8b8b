package org.alidade.agent.core.config;

import java.util.List;

/**
 * One validated polling source, whether it came from ConfigAdmin or from a polling.yaml: the
 * same model either way.
 *
 * @param name      unique among the sources in force
 * @param interval  seconds, &gt; 0
 * @param meters    which pollsters it selects
 * @param resources static resources (usually URLs), handed to pollsters as they are
 * @param discovery discovery URLs ({@code name} or {@code name:param})
 * @param origin    where it came from, for messages: {@code "config org.alidade.polling.source~cpu"},
 *                  {@code "/etc/alidade/polling.yaml"}
 */
public record PollingSource(String name, int interval, MeterSelector meters, List<String> resources,
        List<String> discovery, String origin) {

    public PollingSource {
        resources = List.copyOf(resources);
        discovery = List.copyOf(discovery);
    }
}
