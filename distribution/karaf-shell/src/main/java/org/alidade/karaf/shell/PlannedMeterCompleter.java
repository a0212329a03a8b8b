package org.alidade.karaf.shell;

import java.util.List;
import java.util.SortedSet;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/**
 * The METER of {@code alidade:poll} and the POLLSTER of {@code alidade:blacklist-clear} (a pollster
 * is one meter): {@code *} and the meters the source before it has in the plan; after {@code *},
 * every planned meter.
 */
@Service
public class PlannedMeterCompleter implements Completer {

    @Reference
    PollingAgent agent;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        SortedSet<String> names = Completions.plannedMeters(agent, Completions.previous(line));
        names.add(Completions.ALL);
        return Completions.complete(names, session, line, candidates);
    }
}
