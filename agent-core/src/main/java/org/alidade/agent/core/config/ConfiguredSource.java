package org.alidade.agent.core.config;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One polling source from ConfigAdmin: a factory configuration of PID
 * {@value #FACTORY_PID} ({@code etc/org.alidade.polling.source-NAME.cfg}, or the shell).
 *
 * <p>The raw properties go through {@link SourceParser} rather than the typed {@link Config}:
 * the same validation as a polling.yaml, with messages that name the bad field instead of a
 * silent conversion to 0. The typed interface documents the fields for metatype consoles.
 */
@Component(configurationPid = ConfiguredSource.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredSource.Config.class, factory = true)
public final class ConfiguredSource {

    public static final String FACTORY_PID = "org.alidade.polling.source";

    @ObjectClassDefinition(name = "Alidade polling source",
            description = "One polling source: which meters to poll, how often, and on what resources.")
    public @interface Config {
        @AttributeDefinition(description = "Unique name of the source (used in logs and blacklists).")
        String name();

        @AttributeDefinition(description = "Seconds between two polling cycles (> 0).")
        int interval();

        @AttributeDefinition(description = "Meter name patterns (fnmatch); !pattern excludes; * for all. "
                + "Comma-separated in .cfg files.")
        String[] meters();

        @AttributeDefinition(required = false, description = "Static resources (usually URLs) handed to the pollsters.")
        String[] resources() default {};

        @AttributeDefinition(required = false, description = "Discovery URLs: name or name:param, e.g. endpoint:image.")
        String[] discovery() default {};
    }

    private final SourceRegistry registry;
    private String key;

    @Activate
    public ConfiguredSource(@Reference SourceRegistry registry, Map<String, Object> properties) {
        this.registry = registry;
        update(properties);
    }

    @Modified
    void update(Map<String, Object> properties) {
        key = String.valueOf(properties.get("service.pid"));
        Object file = properties.get("felix.fileinstall.filename");
        String origin = file != null ? String.valueOf(file) : "config " + key;
        try {
            registry.put(key, SourceParser.fromConfig(properties, origin));
        } catch (InvalidSourceException e) {
            registry.reject(key, origin, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registry.remove(key);
    }
}
