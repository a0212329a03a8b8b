package org.alidade.pollster.hardware.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.Discovery;
import org.alidade.api.DiscoveryName;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.pollster.hardware.HardwareConfig;
import org.alidade.pollster.hardware.snmp.SnmpTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hardware_targets}: the SNMP agents listed in PID {@code org.alidade.hardware}
 * ({@code targets}), so that a source can name the discovery instead of listing URLs. Each
 * resource's id is the URL without credentials ({@code snmp://host[:port]}: ids show up in logs,
 * the blacklist and the partitioning key); the credentials travel in the resource's private
 * payload. A target that does not parse is left out, with a log line that names it (redacted).
 */
@Component(configurationPid = HardwareConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@DiscoveryName(name = HardwareTargetDiscovery.NAME)
public final class HardwareTargetDiscovery implements Discovery {

    public static final String NAME = "hardware_targets";

    private static final Logger LOG = LoggerFactory.getLogger(HardwareTargetDiscovery.class);

    private volatile List<Resource> resources = List.of();

    @Activate
    public HardwareTargetDiscovery(HardwareConfig config) {
        modified(config);
    }

    @Modified
    void modified(HardwareConfig config) {
        resources = resources(config.targets());
    }

    static List<Resource> resources(String[] urls) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (String url : urls) {
            if (url == null || url.isBlank()) {
                continue;
            }
            try {
                SnmpTarget t = SnmpTarget.parse(url.trim());
                out.putIfAbsent(t.safeUrl(), Resource.of(t.safeUrl(), Map.of("resource_url", t.safeUrl()), t));
            } catch (IllegalArgumentException e) {
                LOG.error("{} targets: {}: left out", HardwareConfig.PID, e.getMessage());
            }
        }
        return List.copyOf(new ArrayList<>(out.values()));
    }

    @Override
    public List<Resource> discover(PollContext context, String param) {
        return resources;
    }
}
