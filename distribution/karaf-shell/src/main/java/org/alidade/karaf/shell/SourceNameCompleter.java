package org.alidade.karaf.shell;

import java.util.List;
import java.util.TreeSet;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/** The NAME of {@code alidade:source-remove}: every configured source, rejected ones included. */
@Service
public class SourceNameCompleter implements Completer {

    @Reference
    PollingAgent agent;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        return Completions.complete(names(agent), session, line, candidates);
    }

    /** The names of every configured source, sorted. */
    static TreeSet<String> names(PollingAgent agent) {
        TreeSet<String> names = new TreeSet<>();
        agent.sources().forEach(s -> names.add(s.name()));
        return names;
    }
}
