package org.alidade.compute.pollster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.alidade.api.Metadata;
import org.alidade.api.PollContext;
import org.alidade.api.Pollster;
import org.alidade.api.Resource;
import org.alidade.api.Sample;
import org.alidade.compute.cycle.Inspection;
import org.alidade.compute.cycle.Inspection.Timed;
import org.alidade.compute.discovery.LocalInstance;
import org.alidade.compute.discovery.LocalInstancesDiscovery;
import org.alidade.compute.inspector.DiskStats;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.Inspector;
import org.alidade.compute.inspector.InspectorException;
import org.alidade.compute.inspector.InstanceGoneException;
import org.alidade.compute.inspector.InstanceStats;
import org.alidade.compute.inspector.NicStats;
import org.alidade.compute.inspector.NovaInstance;
import org.alidade.compute.inspector.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compute {@link Meter} as a {@link Pollster}: for each instance of {@code local_instances}
 * that is not shut off, the instance's (or each disk's, each NIC's) value of the meter, with the
 * instance's metadata. The inspector is asked through the cycle's {@link Inspection}, so all
 * meters of an instance share one call per inspector method.
 *
 * <p>As Ceilometer: an instance that vanished is skipped (debug), a libvirt error is a warning
 * and no data for that instance, a value the hypervisor does not supply is skipped (said once).
 */
final class ComputePollster implements Pollster {

    private static final Logger LOG = LoggerFactory.getLogger(ComputePollster.class);

    private final Meter meter;
    private final Inspector inspector;
    private final DeltaBaseline deltas;
    private final OnceLog once;

    ComputePollster(Meter meter, Inspector inspector, DeltaBaseline deltas, OnceLog once) {
        this.meter = meter;
        this.inspector = inspector;
        this.deltas = deltas;
        this.once = once;
    }

    String name() {
        return meter.name();
    }

    @Override
    public Optional<String> defaultDiscovery() {
        return Optional.of(LocalInstancesDiscovery.NAME);
    }

    @Override
    public void getSamples(PollContext context, List<Resource> resources, Consumer<Sample> out) throws Exception {
        Inspection inspection = Inspection.of(context, inspector);
        Map<String, Snapshot.DomainState> now = inspection.domains();
        int failed = 0;
        String firstFailed = null;
        InspectorException firstFailure = null;
        for (Resource r : resources) {
            LocalInstance instance = r.payload(LocalInstance.class);
            if (instance == null || instance.state().description().nova() == null) {
                if (once.first(meter.name() + "/foreign/" + r.id())) {
                    LOG.warn("{}: resource {} is not an instance of local_instances: not polled", meter.name(), r.id());
                }
                continue;
            }
            Snapshot.DomainState current = now.get(r.id());
            if (current == null) {
                LOG.debug("{}: instance {} is gone", meter.name(), r.id());
                continue;
            }
            if (!current.state().pollable()) {
                LOG.debug("{}: instance {} is shut off: no sample", meter.name(), r.id());
                continue;
            }
            try {
                poll(inspection, current.description(), r.metadata(), out);
            } catch (InstanceGoneException e) {
                LOG.debug("{}: instance {} went away while polled: {}", meter.name(), r.id(), e.getMessage());
            } catch (InspectorException e) {
                if (failed++ == 0) {
                    firstFailed = r.id();
                    firstFailure = e;
                } else {
                    LOG.debug("{}: no data for instance {}: {}", meter.name(), r.id(), e.getMessage());
                }
            }
        }
        if (failed > 0) {
            // one line a cycle, not one per instance (a call that fails for every instance of a
            // 1000-instance host); and a failure that repeats every cycle is said once at WARN
            if (once.first(meter.name() + "/error/" + firstFailure.getMessage())) {
                LOG.warn("{}: no data for {} of {} instances, the first {}: {} (the same failure again is logged at "
                        + "DEBUG)", meter.name(), failed, resources.size(), firstFailed, firstFailure.getMessage());
            } else {
                LOG.debug("{}: no data for {} of {} instances, the first {}: {}", meter.name(), failed,
                        resources.size(), firstFailed, firstFailure.getMessage());
            }
        }
    }

    private void poll(Inspection inspection, DomainDescription d, Map<String, Object> md, Consumer<Sample> out)
            throws InspectorException {
        NovaInstance nova = d.nova();
        if (meter instanceof Meter.OfFlavor m) {
            emit(out, nova, d.uuid(), m.value().apply(nova), md, null, d);
        } else if (meter instanceof Meter.OfInstance m) {
            Timed<InstanceStats> s = inspection.instance(d);
            Map<String, Object> metadata = md;
            if ("cpu".equals(m.name()) && s.value().cpuNumber() != null) {
                Derived k = new Derived("cpu", s.value().cpuNumber(), d, null);
                metadata = Metadata.<Device>derived(md, k, k).metadata();
            }
            emit(out, nova, d.uuid(), m.value().apply(s.value()), metadata, s.monotonicTime(), d);
        } else if (meter instanceof Meter.OfDisk m) {
            Timed<List<DiskStats>> disks = inspection.disks(d);
            InspectorException failed = null; // a disk's call for this meter failed: said after the others' samples
            for (DiskStats disk : disks.value()) {
                Object value = m.value().apply(disk);
                InspectorException f = value == null ? m.failure().apply(disk.failures()) : null;
                if (f != null) {
                    if (failed == null) {
                        failed = f;
                    }
                    continue;
                }
                Derived k = new Derived("disk", disk.disk().device(), d, null);
                Device v = Metadata.derived(md, k, k);
                emit(out, nova, v.resourceId(), value, v.metadata(), disks.monotonicTime(), d);
            }
            if (failed != null) {
                throw failed;
            }
        } else if (meter instanceof Meter.OfNic m) {
            Timed<List<NicStats>> nics = inspection.vnics(d);
            for (NicStats nic : nics.value()) {
                DomainDescription.Nic n = nic.nic();
                Derived k = new Derived("nic", n.name(), d, n);
                Device dv = Metadata.derived(md, k, k);
                Long v = m.value().apply(nic);
                Object volume = v == null ? null : m.delta() ? Long.valueOf(deltas.delta(n.name(), v)) : v;
                emit(out, nova, dv.resourceId(), volume, dv.metadata(), nics.monotonicTime(), d);
            }
        }
    }

    /**
     * What a device's samples (and the cpu's, with its {@code cpu_number}) are derived under, in the
     * instance's metadata map, and their maker: one object, so that looking them up allocates no
     * lambda. Equal by kind and device (the map is one instance's).
     */
    private static final class Derived implements java.util.function.Function<Map<String, Object>, Device> {
        private final String kind;
        private final Object device;
        private final DomainDescription domain;
        private final DomainDescription.Nic nic;

        Derived(String kind, Object device, DomainDescription domain, DomainDescription.Nic nic) {
            this.kind = kind;
            this.device = device;
            this.domain = domain;
            this.nic = nic;
        }

        @Override
        public Device apply(Map<String, Object> base) {
            return switch (kind) {
                case "cpu" -> new Device(Metadata.with(base, Map.of("cpu_number", device)), domain.uuid());
                case "disk" -> new Device(Metadata.with(base, Map.of("disk_name", device)), domain.uuid() + "-" + device);
                default -> new Device(nicMetadata(base, nic),
                        nic.fref() != null ? nic.fref() : domain.name() + "-" + domain.uuid() + "-" + nic.name());
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Derived k && k.kind.equals(kind) && k.device.equals(device);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + device.hashCode();
        }
    }

    /**
     * A disk's or a NIC's metadata and resource id (the cpu's metadata), kept with the instance's
     * metadata map (which stays while the instance does): made once, not once per sample.
     */
    private record Device(Map<String, Object> metadata, String resourceId) {
    }

    private void emit(Consumer<Sample> out, NovaInstance nova, String resourceId, Object volume,
            Map<String, Object> metadata, Double monotonicTime, DomainDescription d) {
        if (volume == null) {
            // said once per meter at info level (a driver lacking a statistic lacks it for all its
            // domains), once per resource at debug level; never every cycle
            if (once.first(meter.name())) {
                LOG.info("{}: the hypervisor supplies no value for {} (instance {}): skipped; other resources "
                        + "lacking it are logged at debug level, each once", meter.name(), resourceId, d.name());
            } else if (LOG.isDebugEnabled() && once.first(meter.name() + "/" + resourceId)) {
                LOG.debug("{}: no value for {} (instance {}): skipped", meter.name(), resourceId, d.name());
            }
            return;
        }
        out.accept(Sample.builder().name(meter.name()).type(meter.type()).unit(meter.unit()).volume(volume)
                .userId(nova.userId()).projectId(nova.projectId()).resourceId(resourceId)
                .resourceMetadata(metadata).monotonicTime(monotonicTime).build());
    }

    /** NIC metadata: the instance's, {@code name} replaced by the tap, then mac, fref, parameters, vnic_name. */
    static Map<String, Object> nicMetadata(Map<String, Object> md, DomainDescription.Nic n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("mac", n.mac());
        m.put("fref", n.fref());
        m.put("parameters", n.parameters()); // frozen already: shared, not copied
        m.put("vnic_name", n.fref() != null ? n.fref() : n.name());
        return Metadata.with(md, m);
    }
}
