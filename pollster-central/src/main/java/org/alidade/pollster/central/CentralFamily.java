package org.alidade.pollster.central;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.alidade.api.Discovery;
import org.alidade.api.Pollster;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.pollster.central.openstack.ApiPollster;
import org.alidade.pollster.central.openstack.BarbicanDiscovery;
import org.alidade.pollster.central.openstack.CentralMeters;
import org.alidade.pollster.central.openstack.ListDiscovery;
import org.alidade.pollster.central.openstack.OpenStackApi;
import org.alidade.pollster.central.openstack.ServiceTypes;
import org.alidade.pollster.central.openstack.SwiftPollster;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central family: registers the per-service discoveries ({@code images}, {@code volumes},
 * {@code volume_snapshots}, {@code volume_backups}, {@code fip_services}, {@code fw_services},
 * {@code fw_policy}, {@code vpn_services}, {@code ipsec_connections}), {@code barbican} (for
 * non-OpenStack dynamic pollsters) and the 14 central
 * pollsters of reference §4.3 (namespace {@code central}), all calling OpenStack through the
 * {@link KeystoneSession} of {@code org.alidade.discovery}. A change of PID
 * {@value CentralConfig#PID} applies to the next calls without re-registering anything.
 */
@Component(configurationPid = CentralConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = CentralConfig.class)
public final class CentralFamily {

    private static final Logger LOG = LoggerFactory.getLogger(CentralFamily.class);

    public static final String NAMESPACE = "central";

    private final OpenStackApi api;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public CentralFamily(BundleContext context, @Reference KeystoneSession session, CentralConfig config) {
        api = new OpenStackApi(session, types(config));
        for (ListDiscovery.Spec spec : CentralMeters.discoveries()) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Discovery.NAME, spec.name());
            props.put(Discovery.GROUP, Discovery.DEFAULT_GROUP);
            registrations.add(context.registerService(Discovery.class, new ListDiscovery(spec, api), props));
        }
        Hashtable<String, Object> barbican = new Hashtable<>();
        barbican.put(Discovery.NAME, BarbicanDiscovery.NAME);
        barbican.put(Discovery.GROUP, Discovery.DEFAULT_GROUP);
        registrations.add(context.registerService(Discovery.class, new BarbicanDiscovery(api), barbican));
        for (ApiPollster.Spec spec : CentralMeters.pollsters()) {
            registrations.add(context.registerService(Pollster.class, new ApiPollster(spec), props(spec.name())));
        }
        for (SwiftPollster.Meter m : SwiftPollster.Meter.values()) {
            registrations.add(context.registerService(Pollster.class, new SwiftPollster(m, api), props(m.meterName)));
        }
        LOG.info("central: {} discoveries and pollsters registered", registrations.size());
    }

    private static Hashtable<String, Object> props(String name) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Pollster.NAME, name);
        props.put(Pollster.NAMESPACE, new String[] {NAMESPACE});
        return props;
    }

    @Modified
    void modified(CentralConfig config) {
        api.types(types(config));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
    }

    static ServiceTypes types(CentralConfig c) {
        return new ServiceTypes(nonBlank(c.glance(), "glance"), nonBlank(c.cinder(), "cinder"),
                nonBlank(c.neutron(), "neutron"), nonBlank(c.swift(), "swift"), c.reseller__prefix().trim());
    }

    private static String nonBlank(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(CentralConfig.PID + ": " + name + " (a catalog service type) is empty");
        }
        return v.trim();
    }
}
