package org.alidade.karaf.shell;

import java.util.List;
import java.util.TreeSet;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/**
 * The NAME of {@code alidade:source-set}: the configured sources, or, when the word begins none of
 * them, the word itself: a new source. Without it, Karaf (which checks every word before the
 * cursor against its completer) would complete no setting after a new name.
 */
@Service
public class SourceSetNameCompleter implements Completer {

    @Reference
    PollingAgent agent;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        TreeSet<String> names = SourceNameCompleter.names(agent);
        String word = Completions.typed(line);
        if (!word.isEmpty() && names.stream().noneMatch(n -> n.startsWith(word))) {
            names.add(word);
        }
        return Completions.complete(names, session, line, candidates);
    }
}
