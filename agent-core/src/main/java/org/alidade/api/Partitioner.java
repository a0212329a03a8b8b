package org.alidade.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Splits the work among the agents of a group (workload partitioning, reference §1.10): when a
 * {@code Partitioner} service is registered, the engine keeps only the discovered and static
 * resources it says this agent owns. Without one, this agent polls everything.
 *
 * <p>Groups: the {@link Discovery#GROUP} of each discovery a plan uses (e.g. {@code global}, or a
 * host for host-local discoveries), and for each source with static resources a group named
 * {@code static-<digest>} where the digest is stable across agents (the SHA-256 of the sorted
 * resource strings). Implementations decide what a group maps to (prefixes, rings) and may treat
 * a group as never shared (e.g. {@code local}, the group of {@code local_node}).
 */
@ConsumerType
public interface Partitioner {

    /** The groups the plan in force uses; called on every re-plan, before its cycles run. */
    void join(Set<String> groups);

    /**
     * The resources of {@code resources} that this agent polls; the others are polled by other
     * agents. Called once per discovery URL and static resource set per cycle; must be fast (no
     * remote call) and thread-safe.
     */
    List<Resource> owned(String group, List<Resource> resources);

    /**
     * The partitioner's own state for status listings (e.g. {@code state}, {@code members},
     * {@code groups}); values are strings, numbers or booleans. Cheap; no secrets.
     */
    default Map<String, Object> status() {
        return Map.of();
    }
}
