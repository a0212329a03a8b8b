package org.alidade.karaf.shell;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.alidade.api.Discovery;
import org.alidade.api.Pollster;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The {@code key=value} settings of {@code alidade:source-set}: the keys; after {@code meters=}
 * the meter names of the registered pollsters (a new source may select meters no source polls
 * yet), after {@code discovery=} the names of the registered discoveries, each after the last
 * comma of a list (and after the {@code !} of an excluded meter). A setting with a value no name
 * completes ({@code interval=60}, a pattern, a quoted setting) is offered as it is: Karaf checks
 * every word before the cursor against this completer and completes the next one only if it is
 * offered.
 */
@Service
public class SourceSettingCompleter implements Completer {

    private static final List<String> KEYS = List.of("interval", "meters", "resources", "discovery");

    @Reference
    BundleContext context;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        String word = Completions.typed(line);
        int eq = word.indexOf('=');
        if (word.startsWith("'") || word.startsWith("\"")) {
            // Gogo globs * and ?, so patterns come quoted: 'meters=hardware.*'. Karaf completes nothing inside an
            // open quote (JLine fails on the line Karaf's parser repairs), but checks a closed one before the cursor
            boolean closed = word.length() > 1 && word.indexOf(word.charAt(0), 1) == word.length() - 1;
            if (closed && eq > 1 && KEYS.contains(word.substring(1, eq))) {
                candidates.add(word + " ");
            }
        } else if (eq < 0) {
            // no trailing space: the value follows the '='
            KEYS.stream().map(k -> k + "=").filter(k -> k.startsWith(word)).forEach(candidates::add);
        } else {
            String key = word.substring(0, eq);
            int cut = Math.max(word.lastIndexOf(','), eq) + 1;
            if (key.equals("meters") && word.startsWith("!", cut)) {
                cut++;
            }
            String head = word.substring(0, cut);
            String tail = word.substring(cut);
            for (String name : values(key)) {
                if (name.startsWith(tail)) {
                    candidates.add(head + name + " ");
                }
            }
            if (candidates.isEmpty() && KEYS.contains(key) && !tail.isEmpty()) {
                candidates.add(word);
            }
        }
        return line.getBufferPosition() - line.getArgumentPosition();
    }

    private SortedSet<String> values(String key) {
        return switch (key) {
            case "meters" -> registered(Pollster.class, Pollster.NAME);
            case "discovery" -> registered(Discovery.class, Discovery.NAME);
            default -> new TreeSet<>();
        };
    }

    /** The values of {@code property} of the registered services of {@code type}. */
    private <S> SortedSet<String> registered(Class<S> type, String property) {
        SortedSet<String> names = new TreeSet<>();
        try {
            for (ServiceReference<S> ref : context.getServiceReferences(type, null)) {
                Object name = ref.getProperty(property);
                if (name instanceof String s && !s.isBlank()) {
                    names.add(s);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter
        }
        return names;
    }
}
