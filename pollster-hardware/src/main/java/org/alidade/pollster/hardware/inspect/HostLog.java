package org.alidade.pollster.hardware.inspect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a host's trouble is logged, once per read (so once per host per cycle,
 * however many meters use it). A failed read is a warning every time; values the host lacks
 * are a warning when they change and a debug line while they stay the same (a device without a
 * diskIOTable should not fill the log). Hosts are named without credentials.
 */
public final class HostLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.alidade.pollster.hardware");

    private final Map<String, List<String>> lastProblems = new ConcurrentHashMap<>();

    public HostReading report(HostReading r) {
        if (r.failed()) {
            LOG.warn("hardware: {}: {}", r.host(), r.error());
            lastProblems.remove(r.host());
        } else if (!r.stats().problems().isEmpty()) {
            List<String> p = r.stats().problems();
            List<String> before = lastProblems.put(r.host(), p);
            if (!Objects.equals(before, p)) {
                LOG.warn("hardware: {}: {} value(s) missing, their samples are left out: {}", r.host(), p.size(),
                        String.join("; ", p));
            } else {
                LOG.debug("hardware: {}: still missing: {}", r.host(), p);
            }
        } else if (lastProblems.remove(r.host()) != null) {
            LOG.info("hardware: {}: every value is back", r.host());
        }
        return r;
    }
}
