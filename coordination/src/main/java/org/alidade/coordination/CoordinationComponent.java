package org.alidade.coordination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.alidade.api.Partitioner;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.coordination.partition.Coordinator;
import org.alidade.coordination.partition.Fallback;
import org.alidade.coordination.partition.GroupNames;
import org.alidade.coordination.partition.Settings;
import org.alidade.coordination.zk.ConnectString;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workload partitioning while configuration {@value CoordinationConfig#PID} has a
 * {@code backend_url}: registers this component as the engine's {@link Partitioner} and runs a
 * {@link Coordinator} behind it. A change of configuration replaces the coordinator (a new
 * member joins, the old one leaves) while the service stays registered; an empty
 * {@code backend_url} unregisters it (this agent then polls everything).
 *
 * <p>An invalid configuration is logged with the field and what is wrong, and the fallback
 * applies until it is fixed ({@code all} when the fallback itself is what is wrong).
 *
 * <p>The group names start with the agent's namespaces: those of PID
 * {@code org.alidade.polling} ({@code namespaces}) when set, otherwise those of the registered
 * pollsters (what an engine without namespaces runs). They are read at every re-plan, which the
 * engine makes whenever either changes.
 */
@Component(service = CoordinationComponent.class, immediate = true, configurationPid = CoordinationConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CoordinationConfig.class)
public final class CoordinationComponent implements Partitioner {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinationComponent.class);
    static final String POLLING_PID = "org.alidade.polling";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Map<Long, List<String>> pollsterNamespaces = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile Coordinator coordinator;
    private volatile String configError;
    private volatile Fallback errorFallback = Fallback.ALL;
    private volatile Set<String> groups = Set.of();
    private ServiceRegistration<Partitioner> registration;

    @Activate
    public CoordinationComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            CoordinationConfig config) {
        this.context = context;
        this.configAdmin = configAdmin;
        apply(config);
    }

    @Modified
    void modified(CoordinationConfig config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            unregister();
            replace(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPollster(ServiceReference<Pollster> ref) {
        pollsterNamespaces.put((Long) ref.getProperty(Constants.SERVICE_ID), strings(ref.getProperty(Pollster.NAMESPACE)));
    }

    void updatedPollster(ServiceReference<Pollster> ref) {
        addPollster(ref);
    }

    void removePollster(ServiceReference<Pollster> ref) {
        pollsterNamespaces.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    private void apply(CoordinationConfig config) {
        synchronized (lock) {
            if (config.backend__url().isBlank()) {
                unregister();
                replace(null);
                configError = null;
                LOG.info("coordination off: {} has no backend_url; this agent polls everything", CoordinationConfig.PID);
                return;
            }
            try {
                Settings settings = settings(config);
                if (coordinator != null && coordinator.settings().equals(settings)) {
                    return; // the same configuration again (a touched .cfg): no new member, no rebalancing
                }
                String host = host();
                replace(new Coordinator(settings, memberId(host), "host=" + host, this::namespaces, Clock.systemUTC()));
                configError = null;
                coordinator.join(groups);
            } catch (IllegalArgumentException e) {
                replace(null);
                configError = "invalid " + CoordinationConfig.PID + ": " + e.getMessage();
                errorFallback = fallbackOrAll(config.fallback());
                LOG.error("coordination: {}; fallback {} until it is fixed", configError, errorFallback);
            }
            register();
        }
    }

    /**
     * @throws IllegalArgumentException naming the bad field
     */
    static Settings settings(CoordinationConfig c) {
        ConnectString connect = ConnectString.parse(c.backend__url());
        if (c.session__timeout() <= 0) {
            throw new IllegalArgumentException("session_timeout must be > 0 seconds, not " + c.session__timeout());
        }
        if (c.connection__timeout() <= 0) {
            throw new IllegalArgumentException("connection_timeout must be > 0 seconds, not " + c.connection__timeout());
        }
        return new Settings(connect, Duration.ofSeconds(c.session__timeout()),
                Duration.ofSeconds(c.connection__timeout()), c.group__prefix(),
                c.ring__hold() < 0 ? Duration.ofSeconds(-1) : Duration.ofSeconds(c.ring__hold()),
                Fallback.parse(c.fallback()));
    }

    private static Fallback fallbackOrAll(String value) {
        try {
            return Fallback.parse(value);
        } catch (IllegalArgumentException e) {
            return Fallback.ALL;
        }
    }

    /** Caller holds {@code lock}. */
    private void replace(Coordinator next) {
        Coordinator old = coordinator;
        coordinator = next;
        if (old != null) {
            old.close();
        }
    }

    /** Caller holds {@code lock}. */
    private void register() {
        if (registration == null) {
            registration = context.registerService(Partitioner.class, this, null);
        }
    }

    /** Caller holds {@code lock}. */
    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    // --- Partitioner ----------------------------------------------------------------------

    @Override
    public void join(Set<String> groups) {
        this.groups = Set.copyOf(groups);
        Coordinator c = coordinator;
        if (c != null) {
            c.join(groups);
        }
    }

    @Override
    public List<Resource> owned(String group, List<Resource> resources) {
        Coordinator c = coordinator;
        if (c != null) {
            return c.owned(group, resources);
        }
        return errorFallback == Fallback.ALL || GroupNames.isLocal(group) ? resources : List.of();
    }

    // --- what the command shows -------------------------------------------------------------

    /**
     * The partitioning state for a status listing: {@code state} (connected, holding, fallback,
     * starting, invalid, off), and what {@link Coordinator#status()} adds.
     */
    public Map<String, Object> status() {
        Coordinator c = coordinator;
        if (c != null) {
            return c.status();
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("state", configError != null ? "invalid" : "off");
        if (configError != null) {
            m.put("error", configError);
            m.put("fallback", errorFallback.toString());
        }
        return m;
    }

    /** The coordinator in force, or {@code null} (off, or invalid configuration). */
    Coordinator coordinator() {
        return coordinator;
    }

    /** Why the configuration is not in force, or {@code null}. */
    String configError() {
        return configError;
    }

    Fallback errorFallback() {
        return errorFallback;
    }

    // --- the agent's identity ---------------------------------------------------------------

    /** The namespaces in the group names: configured ones, else those of the registered pollsters. */
    Collection<String> namespaces() {
        Collection<String> configured = strings(pollingProperty("namespaces"));
        if (!configured.isEmpty()) {
            return configured;
        }
        Set<String> registered = new TreeSet<>();
        pollsterNamespaces.values().forEach(registered::addAll);
        return registered;
    }

    /** The engine's host name (PID {@code org.alidade.polling}, {@code host}), else the machine's. */
    String host() {
        List<String> configured = strings(pollingProperty("host"));
        if (!configured.isEmpty()) {
            return configured.get(0);
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The host and a random part: unique per start, as upstream's UUID, but readable. */
    static String memberId(String host) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return GroupNames.segment(host) + "-" + HexFormat.of().formatHex(random);
    }

    private Object pollingProperty(String key) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + POLLING_PID + ")");
            if (found == null || found.length == 0) {
                return null;
            }
            Dictionary<String, Object> props = found[0].getProperties();
            return props == null ? null : props.get(key);
        } catch (Exception e) {
            LOG.warn("coordination: cannot read {}: {}", POLLING_PID, e.toString());
            return null;
        }
    }

    static List<String> strings(Object value) {
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        if (value instanceof String[] a) {
            return Arrays.stream(a).filter(Objects::nonNull).flatMap(x -> strings(x).stream()).toList();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().filter(Objects::nonNull).flatMap(x -> strings(String.valueOf(x)).stream()).toList();
        }
        return List.of();
    }
}
