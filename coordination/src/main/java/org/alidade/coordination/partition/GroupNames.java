package org.alidade.coordination.partition;

import java.util.Collection;
import java.util.TreeSet;

/**
 * How an engine group ({@code global}, {@code static-<digest>}, a host, …) becomes a group in
 * ZooKeeper, as upstream names them (reference §1.10): the agent's namespaces, sorted and joined
 * with {@code -}, then {@code -<group_prefix>} when one is configured, then {@code -<group>}.
 * Default namespaces ({@code central}, {@code compute}) and group {@code global} give
 * {@code central-compute-global}; with prefix {@code foo}, {@code central-compute-foo-global}.
 *
 * <p>Only agents that run the same namespaces poll the same meters, so only they may share a
 * group. Group {@value #LOCAL} (the host-local discoveries {@code local_node} and
 * {@code local_instances}) is never shared: it never reaches ZooKeeper.
 */
public final class GroupNames {

    /** The engine group of host-local discoveries: every agent polls all of it. */
    public static final String LOCAL = "local";

    /** The namespace part when the agent knows of none (no namespaces configured, no pollster yet). */
    static final String ANY = "any";

    private GroupNames() {
    }

    public static boolean isLocal(String group) {
        return LOCAL.equals(group);
    }

    /** {@code <sorted namespaces joined with ->[-<prefix>]}. */
    public static String prefix(Collection<String> namespaces, String groupPrefix) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String ns : namespaces) {
            if (ns != null && !ns.isBlank()) {
                sorted.add(ns.trim());
            }
        }
        String p = sorted.isEmpty() ? ANY : String.join("-", sorted);
        return groupPrefix == null || groupPrefix.isBlank() ? p : p + "-" + groupPrefix.trim();
    }

    /** The ZooKeeper group of an engine group. */
    public static String zkGroup(String prefix, String group) {
        return prefix + "-" + group;
    }

    /**
     * A name as one ZooKeeper path segment: {@code %} and {@code /} escaped as in URLs, and the
     * segments {@code .} and {@code ..}, which ZooKeeper refuses, escaped too.
     */
    public static String segment(String name) {
        String s = name.replace("%", "%25").replace("/", "%2F");
        if (s.equals(".") || s.equals("..")) {
            s = s.replace(".", "%2E");
        }
        return s;
    }
}
