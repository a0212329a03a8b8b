package org.alidade.agent.core.polling;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.alidade.api.Resource;

/**
 * Resources a pollster declared it can never poll ({@code PollsterPermanentException}), per
 * (source, pollster) as upstream — but visible and clearable, and kept across re-plans for
 * the sources that remain.
 */
final class Blacklists {

    private final Map<String, Set<Resource>> entries = new ConcurrentHashMap<>();

    static String key(String source, String pollster) {
        return source + "/" + pollster;
    }

    void add(String source, String pollster, Collection<Resource> resources) {
        entries.computeIfAbsent(key(source, pollster), k -> ConcurrentHashMap.newKeySet()).addAll(resources);
    }

    boolean contains(String source, String pollster, Resource r) {
        return of(source, pollster).contains(r);
    }

    /** The resources blacklisted for the pair (a live view; empty when there are none). */
    Set<Resource> of(String source, String pollster) {
        Set<Resource> set = entries.get(key(source, pollster));
        return set != null ? set : Set.of();
    }

    /** Forgets the entries of sources that are gone. */
    void retainSources(Set<String> sources) {
        entries.keySet().removeIf(k -> !sources.contains(k.substring(0, k.lastIndexOf('/'))));
    }

    SortedMap<String, List<String>> snapshot() {
        SortedMap<String, List<String>> out = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.stream().map(Resource::id).sorted().toList());
            }
        });
        return out;
    }

    int clear(String source, String pollster) {
        int n = 0;
        for (Iterator<Map.Entry<String, Set<Resource>>> it = entries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Set<Resource>> e = it.next();
            String k = e.getKey();
            int slash = k.lastIndexOf('/');
            if ((source == null || source.equals(k.substring(0, slash)))
                    && (pollster == null || pollster.equals(k.substring(slash + 1)))) {
                n += e.getValue().size();
                it.remove();
            }
        }
        return n;
    }
}
