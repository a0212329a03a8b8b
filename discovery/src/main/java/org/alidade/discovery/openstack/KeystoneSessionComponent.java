package org.alidade.discovery.openstack;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alidade.discovery.keystone.Endpoint;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KeystoneSession} service. Always registered, so that bundles which need it start
 * and a missing or wrong PID {@value OpenStackConfig#PID} shows up as a clear error on each call
 * (naming the property) instead of as a missing service. A configuration change takes effect at
 * once: a new session with a new token, nothing re-registered.
 */
@Component(configurationPid = OpenStackConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OpenStackConfig.class)
public final class KeystoneSessionComponent implements KeystoneSession {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoneSessionComponent.class);

    private final Clock clock;
    private volatile PasswordSession session;
    private volatile String problem;

    @Activate
    public KeystoneSessionComponent(OpenStackConfig config) {
        this(config, Clock.systemUTC());
    }

    KeystoneSessionComponent(OpenStackConfig config, Clock clock) {
        this.clock = clock;
        configure(config);
    }

    @Modified
    void configure(OpenStackConfig config) {
        try {
            OpenStackSettings settings = OpenStackSettings.from(config);
            session = new PasswordSession(settings, clock);
            problem = null;
            if (settings.insecure()) {
                LOG.warn("{}: insecure = true: server certificates and host names are NOT verified", OpenStackConfig.PID);
            }
            LOG.info("OpenStack session configured: {}", settings);
        } catch (IllegalArgumentException e) {
            session = null;
            problem = e.getMessage();
            if (config.auth__url().isBlank()) {
                LOG.info("{} (the endpoint and tenant discoveries and the OpenStack pollsters fail until it is)", problem);
            } else {
                LOG.error("{}", problem);
            }
        }
    }

    private PasswordSession session() throws OpenStackException {
        PasswordSession s = session;
        if (s == null) {
            throw new OpenStackException(problem);
        }
        return s;
    }

    @Override
    public List<Endpoint> endpoints(String serviceType) throws OpenStackException, InterruptedException {
        return session().endpoints(serviceType);
    }

    @Override
    public OpenStackResponse send(String method, URI uri, Map<String, String> headers, Duration timeout)
            throws OpenStackException, InterruptedException {
        return session().send(method, uri, headers, timeout);
    }

    @Override
    public String projectId() throws OpenStackException, InterruptedException {
        return session().projectId();
    }

    @Override
    public URI identityUrl() throws OpenStackException {
        return session().identityUrl();
    }
}
