package org.alidade.karaf.shell;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.alidade.api.PollingAgent;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Stand-ins for what Karaf and the OSGi framework hand to the commands and completers. */
final class Fakes {

    private Fakes() {
    }

    /** A command line typed up to its end (the cursor); a trailing space starts a new, empty word. */
    static CommandLine line(String buffer) {
        List<String> words = new ArrayList<>(Arrays.asList(buffer.trim().split("\\s+")));
        if (buffer.endsWith(" ")) {
            words.add("");
        }
        String[] args = words.toArray(String[]::new);
        String word = args[args.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return args.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return word;
            }

            @Override
            public int getArgumentPosition() {
                return word.length();
            }

            @Override
            public String[] getArguments() {
                return args;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }

    /**
     * The engine as the completers see it: a plan (interval → source → meters) and the configured
     * sources, some of them perhaps rejected (not in the plan).
     */
    static PollingAgent agent(SortedMap<Integer, SortedMap<String, List<String>>> plan, String... configured) {
        return new PollingAgent() {
            @Override
            public SortedMap<Integer, SortedMap<String, List<String>>> plan() {
                return plan;
            }

            @Override
            public List<SourceStatus> sources() {
                return Arrays.stream(configured).sorted()
                        .map(n -> new SourceStatus(n, "config " + n, 60, List.of("*"), List.of(), List.of(), null))
                        .toList();
            }

            @Override
            public List<IntervalStatus> intervals() {
                return List.of();
            }

            @Override
            public List<SinkStatus> sinks() {
                return List.of();
            }

            @Override
            public Map<String, Object> partitioning() {
                return Map.of();
            }

            @Override
            public SortedMap<String, List<String>> blacklist() {
                return new TreeMap<>();
            }

            @Override
            public int clearBlacklist(String source, String pollster) {
                return 0;
            }

            @Override
            public long planGeneration() {
                return 1;
            }
        };
    }

    /** A plan of one interval: source → meters. */
    static SortedMap<Integer, SortedMap<String, List<String>>> plan(int interval, Map<String, List<String>> sources) {
        SortedMap<Integer, SortedMap<String, List<String>>> plan = new TreeMap<>();
        plan.put(interval, new TreeMap<>(sources));
        return plan;
    }

    /** A registered service: its properties and the object {@code getService} returns. */
    record Registered(Class<?> type, Map<String, Object> properties, Object service) {
    }

    /**
     * A bundle context that knows only {@code getServiceReferences(Class, String)} (filters are
     * real OSGi filters), {@code getService} and {@code ungetService}; {@code ungets} counts the
     * latter.
     */
    static BundleContext context(List<Registered> services, int[] ungets) {
        Map<ServiceReference<?>, Registered> refs = new HashMap<>();
        for (Registered r : services) {
            ServiceReference<?> ref = (ServiceReference<?>) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperty" -> r.properties().get((String) args[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            refs.put(ref, r);
        }
        return (BundleContext) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServiceReferences" -> {
                        Filter filter = args[1] == null ? null : FrameworkUtil.createFilter((String) args[1]);
                        Collection<ServiceReference<?>> found = new ArrayList<>();
                        refs.forEach((ref, r) -> {
                            if (r.type() == args[0] && (filter == null || filter.matches(r.properties()))) {
                                found.add(ref);
                            }
                        });
                        yield found;
                    }
                    case "getService" -> refs.get(args[0]).service();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "ungetService" -> {
                        ungets[0]++;
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * A shell session with {@code registry} as its registry; it resolves {@code name} to
     * {@code alidade:name} (the scope Karaf's completer checks) and holds no variables.
     */
    static Session session(Registry registry) {
        Function<String, String> resolve = n -> n.contains(":") ? n : "alidade:" + n;
        return (Session) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRegistry" -> registry;
                    case "resolveCommand" -> resolve.apply((String) args[0]);
                    case "get" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
