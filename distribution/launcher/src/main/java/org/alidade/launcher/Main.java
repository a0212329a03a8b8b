package org.alidade.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts Alidade: an OSGi framework with every jar of {@code bundle/}, FileInstall watching
 * {@code etc/} and {@code deploy/}, configuration kept in {@code data/} (outside the framework
 * cache, which is cleaned at every start).
 *
 * <ul>
 * <li>no option: in the foreground with the Gogo prompt;</li>
 * <li>{@code --service}: no console; SIGTERM stops the framework cleanly, flushing the sinks;</li>
 * <li>{@code --once}: polls every source once, publishes, prints a summary and exits with 0 when
 * all went well, 1 when a poll failed, 2 when the configuration has errors.</li>
 * </ul>
 */
public final class Main {

    enum Mode { INTERACTIVE, SERVICE, ONCE }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.INTERACTIVE;
        for (String a : args) {
            switch (a) {
                case "--once" -> mode = Mode.ONCE;
                case "--service" -> mode = Mode.SERVICE;
                case "--help", "-h" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    System.err.println("alidade: unknown option " + a + "\n" + usage());
                    System.exit(64);
                }
            }
        }
        Path home = Path.of(System.getProperty("alidade.home", ".")).toAbsolutePath().normalize();
        System.exit(run(home, mode, System.out));
    }

    static String usage() {
        return "usage: alidade [--once | --service]\n"
                + "  (none)     run in the foreground with the Gogo shell (try: alidade:plan, alidade:status, help)\n"
                + "  --service  run without a console; stop with SIGTERM (samples in flight are flushed)\n"
                + "  --once     poll every source once, publish, print a summary and exit (0 ok, 1 poll failed,\n"
                + "             2 configuration errors)";
    }

    static int run(Path home, Mode mode, PrintStream out) throws Exception {
        Map<String, String> props = frameworkProperties(home, mode);
        for (String dir : new String[] {"data", "deploy", "etc"}) {
            Files.createDirectories(home.resolve(dir));
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(props);
        framework.init();
        Thread hook = new Thread(() -> stop(framework), "alidade-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Bundle> last = installBundles(framework.getBundleContext(), home.resolve("bundle"),
                names(props, "alidade.start.first"), names(props, "alidade.start.last"));
        framework.start();
        // the shell's prompt appears once the agent's commands are there, not before; without a
        // console (--service, --once) the shell is not started at all
        awaitService(framework.getBundleContext(), props.get("alidade.start.last.after"), 20_000);
        if (mode == Mode.INTERACTIVE) {
            for (Bundle b : last) {
                b.start();
            }
        }
        if (mode == Mode.ONCE) {
            int rc = once(framework.getBundleContext(), out);
            stop(framework);
            removeHook(hook);
            return rc;
        }
        FrameworkEvent event = framework.waitForStop(0);
        removeHook(hook);
        return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }

    /** Framework properties: conf/framework.properties with ${alidade.home} and the mode's own. */
    static Map<String, String> frameworkProperties(Path home, Mode mode) throws IOException {
        Properties p = new Properties();
        Path file = home.resolve("conf/framework.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        Map<String, String> props = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            props.put(k, p.getProperty(k).replace("${alidade.home}", home.toString()));
        }
        props.putIfAbsent(Constants.FRAMEWORK_STORAGE, home.resolve("data/cache").toString());
        props.putIfAbsent(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.putIfAbsent("felix.cm.dir", home.resolve("data/config").toString());
        props.putIfAbsent("alidade.data", home.resolve("data").toString());
        props.put("alidade.home", home.toString());
        // for configuration files that name folders (pax-logging's log file, FileInstall's watchers)
        System.setProperty("alidade.home", home.toString());
        System.setProperty("alidade.data", props.get("alidade.data"));
        if (mode != Mode.INTERACTIVE) {
            props.put("gosh.args", "--nointeractive");
        }
        if (mode == Mode.ONCE) {
            props.put("alidade.schedule", "false");
        }
        // system properties win, as with Felix's own launcher
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("alidade.")
                || k.startsWith("felix.") || k.startsWith("org.osgi.") || k.startsWith("gosh."))
                .forEach(k -> props.put(k, System.getProperty(k)));
        return props;
    }

    private static List<String> names(Map<String, String> props, String key) {
        String v = props.getOrDefault(key, "").trim();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    /** Waits (bounded) for a service matching {@code filter}; nothing when the filter is null. */
    private static void awaitService(BundleContext ctx, String filter, long millis) throws Exception {
        if (filter == null || filter.isBlank()) {
            return;
        }
        ServiceTracker<Object, Object> t = new ServiceTracker<>(ctx, ctx.createFilter(filter), null);
        t.open();
        try {
            t.waitForService(millis);
        } finally {
            t.close();
        }
    }

    /**
     * Installs every jar of {@code dir}; starts those named in {@code first} first, in that order,
     * then the others except those named in {@code last}, which are returned to be started later.
     */
    private static List<Bundle> installBundles(BundleContext ctx, Path dir, List<String> first, List<String> last)
            throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> list = Files.list(dir)) {
            jars = list.filter(f -> f.toString().endsWith(".jar")).sorted(Comparator.comparingInt((Path f) -> {
                int i = first.indexOf(f.getFileName().toString().replaceFirst("\\.jar$", ""));
                return i < 0 ? Integer.MAX_VALUE : i;
            }).thenComparing(Path::toString)).toList();
        }
        List<Bundle> installed = new ArrayList<>();
        List<Bundle> later = new ArrayList<>();
        for (Path jar : jars) {
            Bundle b = ctx.installBundle(jar.toUri().toString());
            (last.contains(jar.getFileName().toString().replaceFirst("\\.jar$", "")) ? later : installed).add(b);
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    System.err.println("alidade: bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
                }
            }
        }
        return later;
    }

    /** Calls the agent's one-shot service (a {@link Callable} with {@code alidade.command=once}). */
    private static int once(BundleContext ctx, PrintStream out) throws Exception {
        ServiceTracker<Callable<?>, Callable<?>> tracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(" + Constants.OBJECTCLASS + "=" + Callable.class.getName()
                        + ")(alidade.command=once))"), null);
        tracker.open();
        try {
            Callable<?> once = tracker.waitForService(60_000);
            if (once == null) {
                out.println("alidade --once: the agent did not start within 60 s (see data/log/alidade.log)");
                return 1;
            }
            Object rc = once.call();
            return rc instanceof Integer i ? i : 1;
        } finally {
            tracker.close();
        }
    }

    private static void stop(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
                framework.waitForStop(30_000);
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("alidade: stopping the framework: " + e);
        }
    }
}
