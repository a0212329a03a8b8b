package org.alidade.karaf.shell;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** What the completers share: the names of the plan, and Karaf's completion of a word from a set of names. */
final class Completions {

    /** "every source" / "every meter" for the commands that take optional names. */
    static final String ALL = "*";

    private Completions() {
    }

    /** Completes the word under the cursor from {@code names}, case-sensitively (names are). */
    static int complete(Collection<String> names, Session session, CommandLine line, List<String> candidates) {
        return new StringsCompleter(names, true).complete(session, line, candidates);
    }

    /** The word under the cursor, up to the cursor. */
    static String typed(CommandLine line) {
        String word = line.getCursorArgument();
        return word == null ? "" : word.substring(0, Math.min(line.getArgumentPosition(), word.length()));
    }

    /** The word before the one under the cursor, or {@code null} if there is none. */
    static String previous(CommandLine line) {
        int i = line.getCursorArgumentIndex();
        String[] args = line.getArguments();
        return i >= 1 && i - 1 < args.length ? args[i - 1] : null;
    }

    /** The sources of the plan in force, sorted. */
    static SortedSet<String> plannedSources(PollingAgent agent) {
        SortedSet<String> names = new TreeSet<>();
        agent.plan().values().forEach(sources -> names.addAll(sources.keySet()));
        return names;
    }

    /** The meters {@code source} has in the plan, or every planned meter when it is no planned source. */
    static SortedSet<String> plannedMeters(PollingAgent agent, String source) {
        boolean known = source != null && plannedSources(agent).contains(source);
        SortedSet<String> meters = new TreeSet<>();
        for (Map<String, List<String>> sources : agent.plan().values()) {
            sources.forEach((name, m) -> {
                if (!known || name.equals(source)) {
                    meters.addAll(m);
                }
            });
        }
        return meters;
    }
}
