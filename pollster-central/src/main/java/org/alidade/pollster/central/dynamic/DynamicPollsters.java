package org.alidade.pollster.central.dynamic;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alidade.api.Pollster;
import org.alidade.discovery.keystone.KeystoneSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link Pollster} service per loaded definition in step with the definition files: on
 * each {@link #rescan()} a new definition is registered, a changed one re-registered, a removed
 * one unregistered, an unchanged one left alone. Problems are logged once when they appear.
 */
public final class DynamicPollsters {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicPollsters.class);

    /** How pollsters become services (the bundle context; a list in tests). */
    public interface Registrar {
        /** Registers; returns what unregisters. */
        Runnable register(Pollster pollster, Map<String, Object> properties);
    }

    private record Registered(Definition definition, Runnable unregister) {
    }

    private final Registrar registrar;
    private final KeystoneSession session;
    private HttpClient plainHttp; // made when the first definition needs it: a selector thread and TLS set-up
    private final Map<String, Registered> registered = new LinkedHashMap<>(); // guarded by this
    private List<Path> folders;
    private Set<String> reported = new HashSet<>();
    private List<String> problems = List.of();

    public DynamicPollsters(Registrar registrar, KeystoneSession session, List<Path> folders) {
        this.registrar = registrar;
        this.session = session;
        this.folders = List.copyOf(folders);
    }

    private synchronized HttpClient plainHttp() {
        if (plainHttp == null) {
            plainHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        return plainHttp;
    }

    public synchronized void folders(List<Path> f) {
        folders = List.copyOf(f);
    }

    /** Reads the folders and brings the services in line. */
    public synchronized void rescan() {
        DefinitionLoader.Result result = DefinitionLoader.load(folders);
        Set<String> now = new HashSet<>(result.problems());
        for (String p : result.problems()) {
            if (!reported.contains(p)) {
                LOG.error("dynamic pollster definition skipped: {}", p);
            }
        }
        reported = now;
        problems = List.copyOf(result.problems());
        int added = 0;
        int changed = 0;
        int removed = 0;
        for (String name : new ArrayList<>(registered.keySet())) {
            Definition next = result.definitions().get(name);
            Registered r = registered.get(name);
            if (next == null || !next.raw().equals(r.definition().raw()) || !next.file().equals(r.definition().file())) {
                r.unregister().run();
                registered.remove(name);
                if (next == null) {
                    removed++;
                    LOG.info("dynamic pollster {} removed ({})", name, r.definition().file());
                } else {
                    changed++;
                }
            }
        }
        for (Definition d : result.definitions().values()) {
            if (registered.containsKey(d.name())) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put(Pollster.NAME, d.name());
            props.put(Pollster.NAMESPACE, d.namespaces().toArray(new String[0]));
            props.put("pollster.definition", d.file().toString());
            registered.put(d.name(), new Registered(d, registrar.register(new DynamicPollster(d, session, plainHttp()), props)));
            added++;
            LOG.info("dynamic pollster {} registered from {} (default discovery {})", d.name(), d.file(),
                    d.defaultDiscovery());
        }
        if (added + changed + removed > 0) {
            LOG.info("dynamic pollsters: {} new, {} changed, {} removed, {} in force", added - changed, changed,
                    removed, registered.size());
        }
    }

    /** The problems of the last scan, each naming its file. */
    public synchronized List<String> problems() {
        return problems;
    }

    /** The names in force. */
    public synchronized Set<String> names() {
        return Set.copyOf(registered.keySet());
    }

    public synchronized void close() {
        registered.values().forEach(r -> r.unregister().run());
        registered.clear();
    }
}
