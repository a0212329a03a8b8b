package org.alidade.it.felix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.alidade.api.Discovery;
import org.alidade.api.PollingAgent;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.api.PollingAgent.SourceStatus;
import org.alidade.api.Pollster;
import org.alidade.api.SampleSink;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real Felix framework running the agent: SCR and its API bundles, ConfigAdmin, the SPI Fly
 * mediator with slf4j-simple, SnakeYAML, Jackson, agent-core and the bundles a test names (the
 * test pollsters, a family), all jars the build copied to {@code target/bundles} (a family's
 * test adds its bundle and third-party bundles to the copy list in this module's pom). Each test gets its own framework, with
 * storage, file-sink folder and work files under {@code target/it-work/<test>}.
 *
 * <p>The test and the bundles share {@code org.alidade.api} and {@code org.osgi.service.cm}
 * through {@code org.osgi.framework.system.packages.extra}: agent-core and ConfigAdmin both
 * export and import their API package, so they wire to the system bundle's copy, which is the
 * test's own. {@link #start} checks that wiring, so that a change that breaks it fails here with
 * a message rather than with services the test cannot see. Only {@code org.alidade.api} of
 * agent-core is on the test's class path (see the pom): Felix hides a service from the system
 * bundle when it can load a different copy of any class the service is registered under.
 *
 * <p>{@link #with} sets framework properties and configurations that must be in place before the
 * named bundles start (e.g. the libvirt URI of the compute inspector). While the agent runs, what
 * it logs (slf4j-simple writes to {@code System.err}) also goes to {@code agent.log} in its
 * folder, for tests that check the log ({@link #log()}).
 */
public final class RunningAgent implements AutoCloseable {

    /** The {@code telemetry_secret} every test agent signs with. */
    public static final String SECRET = "framework-it secret";

    public static final String ENGINE_PID = "org.alidade.polling";
    public static final String SOURCE_FACTORY_PID = "org.alidade.polling.source";
    public static final String PUBLISHER_PID = "org.alidade.publisher";

    public static final String CORE = "agent-core";
    public static final String STEADY = "test-pollster-steady";
    public static final String HOT = "test-pollster-hot";

    /** What agent-core needs, in start order (jar names without version, as copied by the build). */
    private static final List<String> PLATFORM = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
            "org.apache.felix.configadmin",
            "asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util", "org.apache.aries.spifly.dynamic.bundle",
            "slf4j-api", "slf4j-simple", "snakeyaml", "jackson-annotations", "jackson-core", "jackson-databind");

    private static final Path BUNDLES = Path.of(requiredProperty("alidade.it.bundles"));
    private static final Path WORK = Path.of(requiredProperty("alidade.it.work"));

    private final Path work;
    private final List<String> bundles;
    private final Map<String, String> frameworkProperties;
    private final Map<String, Map<String, ?>> configurations;
    private PrintStream originalErr;
    private OutputStream logFile;
    private final RecordingSink sink = new RecordingSink();
    private Framework framework;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmin;
    private ServiceTracker<PollingAgent, PollingAgent> agent;

    private RunningAgent(Path work, List<String> bundles, Map<String, String> frameworkProperties,
            Map<String, Map<String, ?>> configurations) {
        this.work = work;
        this.bundles = List.copyOf(bundles);
        this.frameworkProperties = Map.copyOf(frameworkProperties);
        this.configurations = new LinkedHashMap<>(configurations);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run these tests with "
                    + "Maven (mvn verify), whose Failsafe configuration sets it");
        }
        return value;
    }

    /** Starts a fresh framework with the agent and the steady pollsters; polling nothing until a source comes. */
    public static RunningAgent start(String name) throws Exception {
        return start(name, STEADY);
    }

    /**
     * Starts a fresh framework with the agent and the given bundles (jar names without version, in
     * start order, e.g. {@code "discovery"}, {@code "pollster-compute"}); polling nothing until a
     * source comes.
     */
    public static RunningAgent start(String name, String... bundles) throws Exception {
        return with(name).bundles(bundles).start();
    }

    /** A framework to be started with framework properties or configurations set beforehand. */
    public static Builder with(String name) {
        return new Builder(name);
    }

    /** What a test wants in place before the named bundles start. */
    public static final class Builder {
        private final String name;
        private final List<String> bundles = new ArrayList<>();
        private final Map<String, String> frameworkProperties = new LinkedHashMap<>();
        private final Map<String, Map<String, ?>> configurations = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Bundles to start after agent-core (jar names without version, in start order). */
        public Builder bundles(String... names) {
            bundles.addAll(List.of(names));
            return this;
        }

        /** A framework property (what {@code BundleContext.getProperty} gives the bundles). */
        public Builder frameworkProperty(String key, String value) {
            frameworkProperties.put(key, value);
            return this;
        }

        /**
         * A singleton configuration, created once ConfigAdmin runs and before agent-core and the
         * named bundles start (so that their components activate with it, never without).
         */
        public Builder configure(String pid, Map<String, ?> properties) {
            configurations.put(pid, Map.copyOf(properties));
            return this;
        }

        public RunningAgent start() throws Exception {
            return RunningAgent.start(new RunningAgent(WORK.resolve(name), bundles, frameworkProperties,
                    configurations));
        }
    }

    private static RunningAgent start(RunningAgent a) throws Exception {
        try {
            a.boot();
            return a;
        } catch (Exception | Error e) {
            try {
                a.close();
            } catch (Exception | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void boot() throws Exception {
        List<String> jars = new ArrayList<>(PLATFORM);
        jars.add(CORE);
        jars.addAll(bundles);
        List<String> missing = jars.stream().filter(j -> !Files.isRegularFile(jar(j))).toList();
        assertEquals(List.of(), missing, "bundles missing from " + BUNDLES + " (copied by maven-dependency-plugin "
                + "in pre-integration-test)");
        deleteRecursively(work);
        Files.createDirectories(work);
        captureLog();

        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "org.alidade.api;version=" + exportedVersion(jar(CORE), "org.alidade.api")
                        + ",org.osgi.service.cm;version=" + exportedVersion(
                                Path.of(ConfigurationAdmin.class.getProtectionDomain().getCodeSource().getLocation()
                                        .toURI()), "org.osgi.service.cm"));
        props.put("alidade.data", work.resolve("data").toString());
        props.putAll(frameworkProperties);
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the test class path"))
                .newFramework(props);
        framework.start();
        BundleContext ctx = framework.getBundleContext();

        List<Bundle> installed = new ArrayList<>();
        for (String j : jars) {
            installed.add(ctx.installBundle(jar(j).toUri().toString()));
        }
        // the platform first; ConfigAdmin must hold the publisher settings before agent-core
        // activates, so that every sample is signed with SECRET
        for (Bundle b : installed.subList(0, PLATFORM.size())) {
            start(b);
        }
        configAdmin = new ServiceTracker<>(ctx, ConfigurationAdmin.class, null);
        configAdmin.open();
        assertNotNull(configAdmin.waitForService(Eventually.DEADLINE.toMillis()),
                "ConfigurationAdmin service (from the shared org.osgi.service.cm)");
        configure(PUBLISHER_PID, Map.of("telemetry_secret", SECRET, "file_sink_dir", samplesDir().toString()));
        for (Map.Entry<String, Map<String, ?>> c : configurations.entrySet()) {
            configure(c.getKey(), c.getValue());
        }

        Dictionary<String, Object> sinkProps = new Hashtable<>();
        sinkProps.put(SampleSink.NAME, "test-recorder");
        ctx.registerService(SampleSink.class, sink, sinkProps);

        for (Bundle b : installed.subList(PLATFORM.size(), installed.size())) {
            start(b);
        }
        assertSharesTheTestsApiClasses(installed);
        agent = new ServiceTracker<>(ctx, PollingAgent.class, null);
        agent.open();
        assertNotNull(agent.waitForService(Eventually.DEADLINE.toMillis()), "PollingAgent service of agent-core");
    }

    private static void start(Bundle b) throws BundleException {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            b.start();
        }
    }

    /**
     * Every bundle that imports a shared package gets it from the system bundle, and agent-core
     * loads the very {@code org.alidade.api} classes the test compiled against.
     */
    private void assertSharesTheTestsApiClasses(List<Bundle> bundles) throws ClassNotFoundException {
        List<String> wrong = new ArrayList<>();
        for (Bundle b : bundles) {
            BundleWiring wiring = b.adapt(BundleWiring.class);
            assertNotNull(wiring, b.getSymbolicName() + " is not resolved");
            for (BundleWire w : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object pkg = w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                if (("org.alidade.api".equals(pkg) || "org.osgi.service.cm".equals(pkg))
                        && w.getProvider().getBundle().getBundleId() != 0) {
                    wrong.add(b.getSymbolicName() + " gets " + pkg + " from " + w.getProvider().getSymbolicName());
                }
            }
        }
        assertEquals(List.of(), wrong, "shared packages must come from the system bundle (the test's class loader)");
        Bundle core = bundle("org.alidade.agent.core");
        assertSame(Pollster.class, core.loadClass(Pollster.class.getName()),
                "agent-core must import org.alidade.api (bnd's substitutable export) to share the test's classes");
    }

    /** The version of {@code pkg} in the Export-Package header of a jar. */
    private static String exportedVersion(Path jar, String pkg) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            String exports = f.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            Matcher m = Pattern.compile("(?:^|,)" + Pattern.quote(pkg) + ";(?:[^,]*;)?version=\"?([0-9.]+)")
                    .matcher(exports == null ? "" : exports);
            if (!m.find()) {
                throw new IllegalStateException(jar + " exports no " + pkg + " with a version: " + exports);
            }
            return m.group(1);
        }
    }

    public static Path jar(String name) {
        return BUNDLES.resolve(name + ".jar");
    }

    // --- what the tests use ------------------------------------------------------------------

    public PollingAgent agent() {
        PollingAgent a = agent.getService();
        assertNotNull(a, "the PollingAgent service is gone");
        return a;
    }

    public SortedMap<Integer, SortedMap<String, List<String>>> plan() {
        return agent().plan();
    }

    public List<SourceStatus> sources() {
        return agent().sources();
    }

    public List<IntervalStatus> intervals() {
        return agent().intervals();
    }

    public Optional<IntervalStatus> interval(int seconds) {
        return intervals().stream().filter(s -> s.interval() == seconds).findFirst();
    }

    public RecordingSink sink() {
        return sink;
    }

    /** The framework's own context (services, bundles), for what the agent's API does not show. */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** The names of the registered {@link Pollster} services of a namespace, sorted. */
    public List<String> pollsterNames(String namespace) {
        return serviceNames(Pollster.class, Pollster.NAME, "(" + Pollster.NAMESPACE + "=" + namespace + ")");
    }

    /** The names of the registered {@link Discovery} services, sorted. */
    public List<String> discoveryNames() {
        return serviceNames(Discovery.class, Discovery.NAME, null);
    }

    private <S> List<String> serviceNames(Class<S> type, String nameProperty, String filter) {
        try {
            List<String> names = new ArrayList<>();
            for (ServiceReference<S> ref : context().getServiceReferences(type, filter)) {
                names.add(String.valueOf(ref.getProperty(nameProperty)));
            }
            return names.stream().sorted().toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** Everything logged so far by this framework (and anything else that wrote to {@code System.err}). */
    public String log() {
        try {
            System.err.flush();
            return Files.readString(work.resolve("agent.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This test's own folder. */
    public Path work() {
        return work;
    }

    /** Where the default JSON-lines file sink writes. */
    public Path samplesDir() {
        return work.resolve("samples");
    }

    /**
     * Whether a received message carries the signature {@link #SECRET} gives it, as agent-core's
     * exported {@code org.alidade.agent.core.message.Signer} computes it (its vectors are unit
     * tests there). Loaded from the running bundle: the test's class path has only the API.
     */
    public boolean signedWithSecret(Map<String, Object> message) throws Exception {
        Class<?> signer = bundle("org.alidade.agent.core").loadClass("org.alidade.agent.core.message.Signer");
        Object s = signer.getConstructor(String.class).newInstance(SECRET);
        return (Boolean) signer.getMethod("verify", Map.class).invoke(s, message);
    }

    public Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    /** Installs and starts one of the copied bundles while the agent runs (hot deploy). */
    public Bundle installAndStart(String jarName) throws Exception {
        Bundle b = framework.getBundleContext().installBundle(jar(jarName).toUri().toString());
        b.start();
        assertSharesTheTestsApiClasses(List.of(b));
        return b;
    }

    /** Creates or updates the named factory configuration of a polling source. */
    public Configuration source(String name, Map<String, ?> properties) throws IOException {
        Configuration c = configAdmin.getService().getFactoryConfiguration(SOURCE_FACTORY_PID, name, "?");
        c.update(dictionary(properties));
        return c;
    }

    /** Creates or replaces a singleton configuration; delete it through what this returns. */
    public Configuration configure(String pid, Map<String, ?> properties) throws IOException {
        Configuration c = configAdmin.getService().getConfiguration(pid, "?");
        c.update(dictionary(properties));
        return c;
    }

    public static Dictionary<String, Object> dictionary(Map<String, ?> properties) {
        return new Hashtable<>(properties);
    }

    @Override
    public void close() throws Exception {
        try {
            if (framework != null) {
                framework.stop();
                assertEquals(FrameworkEvent.STOPPED,
                        framework.waitForStop(Eventually.DEADLINE.toMillis()).getType(), "framework did not stop in time");
                framework = null;
            }
        } finally {
            releaseLog();
        }
    }

    /** {@code System.err} (where slf4j-simple writes, looking it up at each line) also to {@code agent.log}. */
    private void captureLog() throws IOException {
        OutputStream file = new FileOutputStream(work.resolve("agent.log").toFile());
        PrintStream err = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                err.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                err.write(b, off, len);
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                err.flush();
                file.flush();
            }
        };
        originalErr = err;
        logFile = file;
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    private void releaseLog() throws IOException {
        if (originalErr != null) {
            System.err.flush();
            System.setErr(originalErr);
            originalErr = null;
        }
        if (logFile != null) {
            logFile.close();
            logFile = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
