package org.alidade.it.karaf;

import static org.alidade.it.karaf.KarafTerminal.ENTER;
import static org.alidade.it.karaf.KarafTerminal.LINE_START;
import static org.alidade.it.karaf.KarafTerminal.TAB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Alidade in stock Apache Karaf 4.4, end to end, as an operator would do it from the shell: the features repository
 * built by karaf-features, {@code alidade-core} and {@code alidade-hardware}, samples in
 * {@code ${karaf.data}/alidade/samples}, a source's interval changed with {@code config:edit}, the compute family
 * installed at runtime against a libvirt test-driver node and removed again, and a family bundle updated while the
 * other interval keeps its schedule. The {@code alidade:*} commands are Karaf commands, each once, and complete
 * source, meter and setting names at an interactive console ({@link KarafTerminal}); every Alidade PID has its
 * metatype ({@code config:meta}, and {@code config:property-set} completes the property names it declares), and
 * {@code config:property-set} of the engine's {@code host} changes what it polls. One Karaf for the whole story
 * (starting one costs 10-50 s here); each step prints its time. A failure carries the tail of Karaf's
 * data/log/karaf.log.
 */
class KarafFeaturesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOST_SOURCE_FILE = "org.alidade.polling.source-host.cfg";
    /** The first domain of fixtures/libvirt/node-3.xml. */
    private static final String INSTANCE = "00000000-0000-4000-8000-000000000000";
    /** The factory PID among the Alidade PIDs: config:meta calls it so. */
    private static final String SOURCE_FACTORY_PID = "org.alidade.polling.source";
    private static final Duration TYPING = Duration.ofSeconds(20);

    private final long t0 = System.nanoTime();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // a safety net: every wait below has its own, shorter limit
    void alidadeInStockKaraf() throws Exception {
        Path work = Path.of(property("karaf.work"));
        KarafProcess karaf = KarafProcess.unpack(Path.of(property("karaf.tgz")), work, property("karaf.java.home"));
        step("unpacked " + karaf.home());
        try (karaf) {
            karaf.configure(Path.of(property("karaf.maven.repo.local")));
            karaf.start();
            try {
                story(karaf);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + "\n--- last 80 lines of " + karaf.log() + " ---\n"
                        + karaf.logTail(80) + "\n--- end of karaf.log ---", e);
            }
        }
        step("Karaf stopped");
    }

    private void story(KarafProcess karaf) throws Exception {
        // --- started, the repository added (the shell may be up before the feature commands are registered)
        String repo = property("alidade.features.url");
        // the first start generates the SSH host key; -r retries the connection while the port is closed
        KarafProcess.Output out = eventually("Karaf's shell answers", Duration.ofSeconds(150),
                () -> karaf.client(120, Duration.ofSeconds(150), "echo shell-up"), o -> o.contains("shell-up"));
        step("shell up");
        out = eventually("feature:repo-add " + repo, () -> karaf.client("feature:repo-add " + repo,
                "feature:list | grep alidade"), o -> o.contains("alidade-core") && o.contains("alidade-hardware"));
        step("repository added");

        // --- alidade-core + alidade-hardware: bundles Active, the default host source planned, samples written
        // the first JNA (in alidade-core) refreshes Karaf's shell once, which may end this session: the bundle list
        // is asked for again until everything is Active
        karaf.client(1, Duration.ofSeconds(180), "feature:install alidade-core alidade-hardware");
        eventually("alidade-core alidade-hardware Active", () -> karaf.client("bundle:list -s -t 0"),
                o -> active(o, "org.alidade.agent.core", "org.alidade.discovery", "org.alidade.pollster.hardware",
                        "org.yaml.snakeyaml", "com.fasterxml.jackson.core.jackson-databind", "com.sun.jna"));
        step("alidade-core alidade-hardware installed, bundles Active");
        String plan = plan(karaf, p -> p.contains("\n60s\n  host: hardware."), "the default host source at 60 s");
        assertTrue(Files.exists(etc(karaf, HOST_SOURCE_FILE)), "configfile not copied to etc/");
        Path samples = karaf.home().resolve("data/alidade/samples/samples.jsonl");
        eventuallyFile(samples, "\"counter_name\":\\s*\"hardware\\.", "hardware samples from the first cycle");
        step("plan #" + generation(plan) + " (60s host: hardware.*), hardware samples in " + samples);

        // --- config:edit of the host source's interval: the plan changes, the change is saved in etc/
        out = karaf.client("config:list '(name=host)'");
        Matcher pid = Pattern.compile("Pid:\\s+(\\S+)").matcher(out.text());
        assertTrue(pid.find(), "no configuration with name=host: " + out);
        karaf.client("config:edit " + pid.group(1), "config:property-set interval 5", "config:update");
        plan = plan(karaf, p -> p.contains("\n5s\n  host: hardware.") && !p.contains("60s"), "host at 5 s");
        assertTrue(Files.readString(etc(karaf, HOST_SOURCE_FILE)).matches("(?s).*\\binterval\\s*=\\s*5\\b.*"),
                "config:edit not saved to etc/" + HOST_SOURCE_FILE);
        step("config:edit " + pid.group(1) + " interval 5 -> plan #" + generation(plan) + " (5s host)");

        // --- the alidade:* commands: Karaf commands (Karaf's usage), each once; metatype of alidade-core's PIDs and
        // alidade-hardware's; completion at an interactive console
        Set<String> commands = commandsOnceAsKarafCommands(karaf);
        out = karaf.client("alidade:poll --help", "alidade:source-set --help");
        for (String usage : List.of("alidade:poll [source] [meter]", "alidade:source-set name [settings]")) {
            assertTrue(out.text().lines().anyMatch(l -> l.strip().equals(usage)), "no Karaf usage " + usage + ": "
                    + out);
        }
        assertTrue(out.contains("ARGUMENTS") && out.contains("a source of the plan; * or none: every source"),
                "no arguments in the Karaf usage: " + out);
        step("alidade:* commands once each, as Karaf commands: " + commands);
        metatype(karaf, Map.of("org.alidade.polling", "host", SOURCE_FACTORY_PID, "interval",
                "org.alidade.publisher", "telemetry_secret", "org.alidade.openstack", "auth_url",
                "org.alidade.hardware", "targets"));
        step("config:meta: org.alidade.polling, .polling.source (factory), .publisher, .openstack, .hardware");
        completion(karaf, pid.group(1));
        step("completion at the console: poll, blacklist-clear, source-set, source-remove; metatype property names");

        // --- alidade-compute at runtime, against the libvirt test driver: compute meters join the plan
        Path node = Path.of(property("libvirt.node")).toAbsolutePath();
        assertTrue(Files.isRegularFile(node), "no libvirt test node at " + node);
        int cyclesBeforeCompute = eventually("5s cycles >= 1", () -> cycles(karaf, "5s"), c -> c >= 1);
        out = karaf.client(1, Duration.ofSeconds(180),
                "config:property-set -p org.alidade.compute.libvirt uri 'test://" + node + "'",
                "feature:install alidade-compute", "bundle:list -s -t 0");
        // the same session lists the bundles: installing the family refreshed nothing else
        assertActive(out, "org.alidade.pollster.compute", "org.alidade.agent.core");
        metatype(karaf, Map.of("org.alidade.compute.libvirt", "uri"));
        plan = plan(karaf, p -> computeMeters(p).contains("vcpus") && p.contains("\n5s\n  host: hardware."),
                "compute meters in the plan");
        assertTrue(Files.readString(etc(karaf, "org.alidade.compute.libvirt.cfg")).contains("test://" + node),
                "the feature's configfile replaced the uri set from the shell");
        eventuallyFile(samples, "\"resource_id\":\\s*\"" + INSTANCE, "samples of the test-driver instance " + INSTANCE);
        int cyclesWithCompute = cycles(karaf, "5s");
        assertTrue(cyclesWithCompute >= cyclesBeforeCompute, "installing alidade-compute restarted the 5s interval: "
                + "cycles " + cyclesBeforeCompute + " -> " + cyclesWithCompute);
        step("alidade-compute installed -> plan #" + generation(plan) + " compute: " + computeMeters(plan).size()
                + " meters; samples of " + INSTANCE);

        // --- bundle:update of a family bundle: the other interval (5 s) keeps its schedule and its counters
        int before = eventually("5s cycles >= 2", () -> cycles(karaf, "5s"), c -> c >= 2);
        int generationBefore = generation(plan);
        out = karaf.client(1, Duration.ofSeconds(120), "bundle:update org.alidade.pollster.compute",
                "bundle:list -s -t 0");
        assertActive(out, "org.alidade.pollster.compute");
        plan = plan(karaf, p -> generation(p) > generationBefore && computeMeters(p).contains("vcpus"),
                "a re-plan after bundle:update with the compute meters back");
        int after = eventually("5s cycles grow past " + (before + 1), () -> {
            int c = cycles(karaf, "5s");
            if (c < before) {
                throw new AssertionError("the 5s interval was restarted by bundle:update of the compute bundle: "
                        + "cycles " + before + " -> " + c);
            }
            return c;
        }, c -> c >= before + 2);
        step("bundle:update org.alidade.pollster.compute -> plan #" + generation(plan) + "; 5s cycles " + before
                + " -> " + after + " (never reset)");

        // --- feature:uninstall alidade-compute: compute meters leave, the host source stays
        out = karaf.client(1, Duration.ofSeconds(120), "feature:uninstall alidade-compute", "bundle:list -s -t 0");
        assertTrue(!out.contains("org.alidade.pollster.compute"), "compute bundle still installed: " + out);
        assertActive(out, "org.alidade.agent.core", "org.alidade.pollster.hardware");
        plan = plan(karaf, p -> computeMeters(p).isEmpty() && p.contains("\n5s\n  host: hardware."),
                "no compute meters left, host still at 5 s");
        int last = cycles(karaf, "5s");
        assertTrue(last >= after, "5s cycles went back: " + after + " -> " + last);
        step("alidade-compute uninstalled -> plan #" + generation(plan) + " without compute meters; 5s cycles " + last);

        // --- the other families: their PIDs have their metatype too (each off or idle without configuration)
        karaf.client(1, Duration.ofSeconds(180), "feature:install alidade-amqp alidade-central alidade-coordination");
        eventually("alidade-amqp alidade-central alidade-coordination Active",
                () -> karaf.client("bundle:list -s -t 0"), o -> active(o, "org.alidade.publisher.amqp",
                        "org.alidade.pollster.central", "org.alidade.coordination"));
        metatype(karaf, Map.of("org.alidade.publisher.amqp", "transport_url", "org.alidade.central", "glance",
                "org.alidade.central.dynamic", "pollsters_definitions_dirs",
                "org.alidade.coordination", "backend_url"));
        step("alidade-amqp, -central, -coordination installed; config:meta: .publisher.amqp, .central, "
                + ".central.dynamic, .coordination");

        // --- config:property-set of the engine's host: local_node discovers that name, polled and published
        karaf.client("config:property-set -p org.alidade.polling host karaf-it-node");
        eventually("alidade:poll with the host set from the shell",
                () -> karaf.client("echo (alidade:poll host hardware.memory.total)").text(),
                o -> o.lines().anyMatch(l -> l.matches("host\\s+hardware\\.memory\\.total\\s+karaf-it-node\\s.*")));
        eventuallyFile(samples, "\"resource_id\":\\s*\"karaf-it-node\"", "samples of the host named from the shell");
        assertTrue(Files.readString(etc(karaf, "org.alidade.polling.cfg"))
                .matches("(?s).*\\bhost\\s*=\\s*karaf-it-node\\b.*"), "config:property-set not saved to etc/");
        step("config:property-set -p org.alidade.polling host karaf-it-node: polled and published as karaf-it-node");

        // --- the engine's own account (karaf.log): the 5 s interval was planned once and never restarted, and no
        // Alidade bundle logged an error
        List<String> log = Files.readAllLines(karaf.log(), StandardCharsets.UTF_8);
        assertEquals(1, log.stream().filter(l -> l.contains("interval 5s added to the plan")).count(),
                "the 5s interval was re-created (schedule lost)");
        assertEquals(0, log.stream().filter(l -> l.contains("interval 5s removed from the plan")).count(),
                "the 5s interval was removed");
        List<String> errors = log.stream().filter(l -> l.contains("| ERROR |") && l.contains("org.alidade")).toList();
        assertTrue(errors.isEmpty(), "Alidade logged errors:\n" + String.join("\n", errors));
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * agent-core's command services ({@code alidade.command=NAME}), and Karaf's registry of commands: in Karaf, no
     * command service is a Gogo command ({@code osgi.command.function}), and each name is there once, as a Karaf
     * command ({@code ActionCommand}) of org.alidade.karaf.shell. Two commands of one name would both be listed
     * (Karaf keeps a list per name). The registry is read through the session's own objects ({@code $.session}).
     */
    private static Set<String> commandsOnceAsKarafCommands(KarafProcess karaf) throws Exception {
        String services = karaf.client("service:list -a org.apache.felix.service.command.Function").text();
        Set<String> names = new TreeSet<>();
        for (String block : services.split("\\[org\\.apache\\.felix\\.service\\.command\\.Function\\]")) {
            Matcher m = Pattern.compile("(?m)^\\s*alidade\\.command = (\\S+)\\s*$").matcher(block);
            if (m.find()) {
                names.add(m.group(1));
                assertFalse(block.contains("osgi.command.function"), "a Gogo command in Karaf: " + block);
            }
        }
        assertTrue(names.containsAll(List.of("plan", "poll", "source-set", "source-remove", "blacklist-clear")),
                "agent-core's command services: " + names + "\n" + services);
        String registry = karaf.client(
                "each ((($.session) registry) commands) { c = $it; echo ($c scope) ($c name) ($c class) }").text();
        for (String name : names) {
            List<String> entries = registry.lines().map(String::strip)
                    .filter(l -> l.startsWith("alidade " + name + " ")).toList();
            assertEquals(List.of("alidade " + name + " class org.apache.karaf.shell.impl.action.command.ActionCommand"),
                    entries, "alidade:" + name + " in Karaf's registry of commands");
        }
        return names;
    }

    /**
     * At an interactive console, TAB completes: names of the plan and of the registered pollsters and discoveries
     * for the alidade:* commands, and property names from metatype alone (no .cfg file sets them) for
     * config:property-set. A completed line is either run (source-set, source-remove: their effect is checked) or
     * turned into an echo of itself (CTRL-A, "echo -- completed: ", ENTER), which prints exactly what TAB made.
     */
    private static void completion(KarafProcess karaf, String hostPid) throws Exception {
        try (KarafTerminal console = karaf.terminal()) {
            completed(console, "alidade:poll ho" + TAB + "hardware.memory.to" + TAB,
                    "alidade:poll host hardware.memory.total");
            completed(console, "alidade:blacklist-clear ho" + TAB + "hardware.cpu.ut" + TAB,
                    "alidade:blacklist-clear host hardware.cpu.util");
            completed(console, "config:property-set -p org.alidade.polling sink_q" + TAB,
                    "config:property-set -p org.alidade.polling sink_queue");
            completed(console, "config:property-set -p " + hostPid + " reso" + TAB,
                    "config:property-set -p " + hostPid + " resources");

            // a new source, its settings completed (a meter of a registered pollster, a registered discovery)
            console.type("alidade:source-set karaf-it-probe interval=30 meters=hardware.memory.to" + TAB + "disc" + TAB
                    + "local_no" + TAB + ENTER, Pattern.compile("source karaf-it-probe created"), TYPING);
            Path probe = etc(karaf, "org.alidade.polling.source-karaf-it-probe.cfg");
            String cfg = Files.readString(probe);
            assertTrue(cfg.contains("meters = hardware.memory.total") && cfg.contains("discovery = local_node"),
                    probe + ":\n" + cfg);
            eventually("source karaf-it-probe in force", () -> karaf.client("echo (alidade:sources)").text(),
                    o -> o.lines().anyMatch(l -> l.startsWith("karaf-it-probe ") && l.strip().endsWith(" ok")));
            // and removed by its completed name
            console.type("alidade:source-remove karaf-it-pro" + TAB + ENTER,
                    Pattern.compile("source karaf-it-probe removed"), TYPING);
            assertFalse(Files.exists(probe), probe + " still there");
        }
    }

    private static void completed(KarafTerminal console, String keys, String line) throws Exception {
        console.type(keys + LINE_START + "echo -- completed: " + ENTER,
                Pattern.compile("(?m)^completed: " + Pattern.quote(line) + "\\s*$"), TYPING);
    }

    /**
     * {@code config:meta PID} shows each PID's metatype, with (at least) the given property; the sources' PID is
     * a factory PID.
     */
    private static void metatype(KarafProcess karaf, Map<String, String> propertyByPid) throws Exception {
        String out = karaf.client(propertyByPid.keySet().stream().map(p -> "config:meta " + p)
                .toArray(String[]::new)).text();
        String[] sections = out.split("(?m)^(?=Meta type informations for |No meta type definition found)");
        propertyByPid.forEach((pid, property) -> {
            String header = "Meta type informations for " + (pid.equals(SOURCE_FACTORY_PID) ? "factory " : "")
                    + "pid: " + pid;
            Optional<String> section = Arrays.stream(sections).filter(x -> x.lines().findFirst()
                    .map(h -> h.strip().equals(header)).orElse(false)).findFirst();
            assertTrue(section.isPresent(), "config:meta " + pid + ": no '" + header + "' in:\n" + out);
            assertTrue(section.get().lines().anyMatch(l -> l.matches(Pattern.quote(property) + "\\s+\\|.*")),
                    "config:meta " + pid + " has no property " + property + ":\n" + section.get());
        });
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new AssertionError("system property " + name + " is not set (run through Failsafe: mvn verify)");
        }
        return v;
    }

    private static Path etc(KarafProcess karaf, String file) {
        return karaf.home().resolve("etc").resolve(file);
    }

    private void step(String what) {
        System.out.printf("[karaf-it] %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /** The text of alidade:plan once it satisfies the condition (batch mode prints no return values: echo). */
    private static String plan(KarafProcess karaf, java.util.function.Predicate<String> condition, String what)
            throws Exception {
        return eventually(what, () -> karaf.client("echo (alidade:plan)").text(), condition);
    }

    private static int generation(String plan) {
        Matcher m = Pattern.compile("plan #(\\d+)").matcher(plan);
        if (!m.find()) {
            throw new AssertionError("not an alidade:plan output: " + plan);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The meters of source 'compute' in an alidade:plan text (empty if it has none or is absent). */
    private static List<String> computeMeters(String plan) {
        Optional<String> line = plan.lines().filter(l -> l.startsWith("  compute:")).findFirst();
        return line.map(l -> Arrays.stream(l.substring("  compute:".length()).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** CYCLES of an interval in alidade:status (columns: INTERVAL LAST-START LAST-MS LAST-SAMPLES CYCLES ...). */
    private static int cycles(KarafProcess karaf, String interval) throws Exception {
        String status = karaf.client("echo (alidade:status)").text();
        List<String> header = status.lines().filter(l -> l.startsWith("INTERVAL")).findFirst()
                .map(l -> List.of(l.trim().split("\\s+")))
                .orElseThrow(() -> new AssertionError("not an alidade:status output: " + status));
        int column = header.indexOf("CYCLES");
        return status.lines().map(String::trim).filter(l -> l.startsWith(interval + " ")).findFirst()
                .map(l -> Integer.parseInt(l.split("\\s+")[column]))
                .orElseThrow(() -> new AssertionError("no interval " + interval + " in alidade:status: " + status));
    }

    private static boolean active(KarafProcess.Output bundleList, String... symbolicNames) {
        for (String bsn : symbolicNames) {
            if (bundleList.text().lines().noneMatch(l -> l.strip().endsWith("| " + bsn) && l.contains("Active"))) {
                return false;
            }
        }
        return true;
    }

    private static void assertActive(KarafProcess.Output bundleList, String... symbolicNames) {
        for (String bsn : symbolicNames) {
            Optional<String> line = bundleList.text().lines().filter(l -> l.strip().endsWith("| " + bsn)).findFirst();
            assertTrue(line.isPresent(), bsn + " is not installed: " + bundleList);
            assertTrue(line.get().contains("Active"), bsn + " is not Active: " + line.get());
        }
    }

    private static void eventuallyFile(Path file, String regex, String what) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        eventually(what + " (" + file + " matches " + regex + ")",
                () -> Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "",
                s -> pattern.matcher(s).find());
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until the condition holds, for up to {@link #WAIT}; fails with the last value seen. */
    private static <T> T eventually(String what, Probe<T> probe, java.util.function.Predicate<T> condition)
            throws Exception {
        return eventually(what, WAIT, probe, condition);
    }

    private static <T> T eventually(String what, Duration wait, Probe<T> probe,
            java.util.function.Predicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                String seen = String.valueOf(last);
                throw new AssertionError("not within " + wait.toSeconds() + " s: " + what + "; last seen:\n"
                        + (seen.length() > 4000 ? seen.substring(seen.length() - 4000) : seen));
            }
            Thread.sleep(500);
        }
    }
}
