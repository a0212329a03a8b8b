package org.alidade.pollster.hardware;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.alidade.api.Pollster;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.local.LocalInspector;
import org.alidade.pollster.hardware.meter.HardwareMeter;
import org.alidade.pollster.hardware.meter.HardwareMeters;
import org.alidade.pollster.hardware.snmp.SnmpInspector;
import org.alidade.pollster.hardware.snmp.SnmpSettings;
import org.alidade.pollster.hardware.snmp.UsmCredentials;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware family: owns the two inspectors and registers one {@link Pollster} service per
 * {@code hardware.*} meter (namespaces {@code hardware} and {@code central}: Ceilometer ran them
 * in the central agent, so a migrated central agent keeps them). Their default discovery is
 * {@code local_node}, so a source with {@code meters = hardware.*} and no resources polls this
 * host; {@code snmp://} resources or the {@code hardware_targets} discovery poll SNMP agents.
 * A configuration change applies to the next reads without re-registering anything.
 */
@Component(configurationPid = HardwareConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = HardwareConfig.class)
public final class HardwareFamily {

    private static final Logger LOG = LoggerFactory.getLogger(HardwareFamily.class);

    static final String[] NAMESPACES = {"hardware", "central"};

    private final SnmpInspector snmp;
    private final List<ServiceRegistration<Pollster>> registrations = new ArrayList<>();

    @Activate
    public HardwareFamily(BundleContext context, HardwareConfig config) throws IOException {
        HostLog log = new HostLog();
        snmp = new SnmpInspector(settings(config), log);
        HostReaders readers = new HostReaders(new LocalInspector(), snmp, log);
        for (HardwareMeter meter : HardwareMeters.all()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Pollster.NAME, meter.name());
            props.put(Pollster.NAMESPACE, NAMESPACES);
            registrations.add(context.registerService(Pollster.class, new MeterPollster(meter, readers), props));
        }
        LOG.info("hardware: {} pollsters registered", registrations.size());
    }

    @Modified
    void modified(HardwareConfig config) {
        snmp.configure(settings(config));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Pollster> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        snmp.close();
    }

    /** Validates PID {@value HardwareConfig#PID}; a bad value fails activation with a message naming it. */
    static SnmpSettings settings(HardwareConfig c) {
        if (!(c.timeout() > 0)) {
            throw new IllegalArgumentException(HardwareConfig.PID + ": timeout must be > 0 seconds, not " + c.timeout());
        }
        UsmCredentials usm = null;
        if (!c.user().isBlank()) {
            try {
                usm = UsmCredentials.of(c.user().trim(), c.auth__protocol(), c.auth__password(),
                        c.priv__protocol().isBlank() ? null : c.priv__protocol(),
                        c.priv__password().isEmpty() ? null : c.priv__password());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(HardwareConfig.PID + ": " + e.getMessage(), e);
            }
        }
        try {
            return new SnmpSettings(Math.round(c.timeout() * 1000), c.retries(), c.concurrency(), c.community(), usm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HardwareConfig.PID + ": " + e.getMessage(), e);
        }
    }
}
