package org.alidade.karaf.shell;

import java.util.List;
import java.util.SortedSet;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/** The SOURCE of {@code alidade:poll} and {@code alidade:blacklist-clear}: {@code *} and the sources of the plan. */
@Service
public class PlannedSourceCompleter implements Completer {

    @Reference
    PollingAgent agent;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        SortedSet<String> names = Completions.plannedSources(agent);
        names.add(Completions.ALL);
        return Completions.complete(names, session, line, candidates);
    }
}
