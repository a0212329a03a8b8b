package org.alidade.agent.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alidade.api.PollingAgent.SourceStatus;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every polling source, from ConfigAdmin and from polling.yaml, keyed by where it came from (a
 * configuration PID, {@code yaml:<file>#<name>}). Keeps the last good version of a source whose
 * update is invalid, with the error beside it, so one bad edit never stops what polled before.
 *
 * <p>Names are unique among the sources in force: when two keys hold a source of the same name,
 * the one registered first is in force and the other is reported as a duplicate (Ceilometer
 * merges them silently). Listeners hear of every change; the engine re-plans.
 */
@Component(service = SourceRegistry.class)
public final class SourceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRegistry.class);

    private record Entry(String origin, PollingSource good, String error) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** A valid source for {@code key}: it replaces that key's earlier version. */
    public void put(String key, PollingSource source) {
        synchronized (this) {
            Entry old = entries.get(key);
            if (old != null && source.equals(old.good()) && old.error() == null) {
                return;
            }
            entries.put(key, new Entry(source.origin(), source, null));
        }
        changed();
    }

    /**
     * An invalid version for {@code key}: reported and logged; the key's last good version, if
     * any, stays in force.
     */
    public void reject(String key, String origin, String error) {
        synchronized (this) {
            Entry old = entries.get(key);
            PollingSource good = old == null ? null : old.good();
            if (old != null && error.equals(old.error())) {
                return;
            }
            entries.put(key, new Entry(origin, good, error));
        }
        LOG.error("{}{}", Masking.mask(error), lastGoodNote(key));
        changed();
    }

    private synchronized String lastGoodNote(String key) {
        Entry e = entries.get(key);
        return e != null && e.good() != null ? " — the last good version stays in force" : "";
    }

    public void remove(String key) {
        boolean removed;
        synchronized (this) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            changed();
        }
    }

    /** Removes every key starting with {@code prefix} except the given ones. */
    public void retain(String prefix, java.util.Set<String> keep) {
        boolean removed;
        synchronized (this) {
            removed = entries.keySet().removeIf(k -> k.startsWith(prefix) && !keep.contains(k));
        }
        if (removed) {
            changed();
        }
    }

    /** The sources in force, in registration order, first of each name only. */
    public synchronized List<PollingSource> inForce() {
        Map<String, PollingSource> byName = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            if (e.good() != null) {
                byName.putIfAbsent(e.good().name(), e.good());
            }
        }
        return List.copyOf(byName.values());
    }

    /** Every key's state for listings, rejected versions and duplicates included. */
    public synchronized List<SourceStatus> status() {
        Map<String, String> firstOrigin = new HashMap<>();
        List<SourceStatus> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            PollingSource s = e.good();
            String error = e.error();
            if (s != null) {
                String first = firstOrigin.putIfAbsent(s.name(), s.origin());
                if (first != null && error == null) {
                    error = "polling source '" + s.name() + "' (" + s.origin() + "): name: already used by "
                            + first + "; this one is not polled";
                }
                out.add(new SourceStatus(s.name(), e.origin(), s.interval(), s.meters().patterns(), s.resources(),
                        s.discovery(), error));
            } else {
                out.add(new SourceStatus(null, e.origin(), null, List.of(), List.of(), List.of(), error));
            }
        }
        out.sort((a, b) -> String.valueOf(a.name()).compareTo(String.valueOf(b.name())));
        return out;
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("source listener failed: {}", e.toString());
            }
        }
    }
}
