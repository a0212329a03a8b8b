package org.alidade.pollster.hardware;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.alidade.api.PollContext;
import org.alidade.api.Resource;
import org.alidade.pollster.hardware.inspect.HostLog;
import org.alidade.pollster.hardware.inspect.HostReading;
import org.alidade.pollster.hardware.local.LocalInspector;
import org.alidade.pollster.hardware.snmp.SnmpInspector;
import org.alidade.pollster.hardware.snmp.SnmpTarget;

/**
 * Chooses the inspector by the resource, and reads each host once per cycle through the cycle's
 * cache, whichever meter asks first:
 * <ul>
 * <li>an {@code snmp://} URL (a static source resource) or a resource of the hardware target
 *     discovery → SNMP;</li>
 * <li>the agent's own host (what {@code local_node} returns) → the local inspector;</li>
 * <li>anything else cannot be polled by a hardware meter.</li>
 * </ul>
 * The cache holds the reading's future, never an exception, so a host that is down costs its
 * time limit once per cycle, not once per meter.
 */
final class HostReaders {

    /** Cache keys private to this bundle. */
    private record SnmpKey(SnmpTarget target) {
    }

    private enum LocalKey { INSTANCE }

    private final LocalInspector local;
    private final SnmpInspector snmp;
    private final HostLog log;

    HostReaders(LocalInspector local, SnmpInspector snmp, HostLog log) {
        this.local = local;
        this.snmp = snmp;
        this.log = log;
    }

    /**
     * A resource resolved for polling.
     *
     * @param resourceId the samples' base resource id
     * @param metadata   the samples' base metadata
     * @param reading    completes with the host's reading
     * @param error      why the resource can never be polled ({@code reading} is {@code null} then)
     */
    record Host(String resourceId, Map<String, Object> metadata, CompletableFuture<HostReading> reading,
            String error) {
    }

    Host resolve(PollContext context, Resource r) {
        SnmpTarget target = r.payload(SnmpTarget.class);
        if (target == null && r.id().regionMatches(true, 0, "snmp://", 0, 7)) {
            try {
                target = SnmpTarget.parse(r.id());
            } catch (IllegalArgumentException e) {
                return new Host(null, null, null, e.getMessage());
            }
        }
        if (target != null) {
            SnmpTarget t = target;
            Map<String, Object> md = new LinkedHashMap<>(r.metadata());
            md.put("resource_url", t.safeUrl());
            Object id = r.metadata().get("resource_id");
            return new Host(id instanceof String s && !s.isEmpty() ? s : t.hostId(), md,
                    context.cached(new SnmpKey(t), () -> snmp.read(t)), null);
        }
        if (r.id().equals(context.host())) {
            return new Host(r.id(), r.metadata(), context.cached(LocalKey.INSTANCE, () -> readLocal(r.id())), null);
        }
        return new Host(null, null, null, "'" + SnmpTarget.redact(r.id())
                + "' is neither an snmp:// URL nor this agent's host (" + context.host() + ")");
    }

    private CompletableFuture<HostReading> readLocal(String host) {
        HostReading reading;
        try {
            reading = HostReading.ok(host, local.read());
        } catch (RuntimeException e) {
            reading = HostReading.failed(host, "local inspector failed: " + e);
        }
        return CompletableFuture.completedFuture(log.report(reading));
    }
}
