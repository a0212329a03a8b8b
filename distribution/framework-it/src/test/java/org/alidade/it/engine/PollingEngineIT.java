package org.alidade.it.engine;

import static org.alidade.it.felix.Eventually.eventually;
import static org.alidade.it.felix.Eventually.eventuallyEquals;
import static org.alidade.it.felix.RecordingSink.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.alidade.api.PollingAgent.IntervalStatus;
import org.alidade.api.PollingAgent.SourceStatus;
import org.alidade.it.felix.RecordingSink.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.alidade.it.felix.RunningAgent;
import org.alidade.it.felix.Eventually;
import org.alidade.it.felix.RecordingSink;

/**
 * The polling engine in a real Felix framework, driven the way an operator drives it: sources
 * through ConfigAdmin and polling.yaml, pollster bundles installed, stopped and removed while it
 * polls. Samples are observed through a {@link RecordingSink} the test registers; the plan and
 * the counters through the {@code PollingAgent} service. Every wait is a poll with a deadline.
 */
class PollingEngineIT {

    private static final List<String> NODES = List.of("node-1", "node-2", "node-3");

    private RunningAgent agent;
    private RecordingSink sink;

    @BeforeEach
    void startAgent(TestInfo test) throws Exception {
        agent = RunningAgent.start(test.getTestMethod().orElseThrow().getName());
        sink = agent.sink();
    }

    @AfterEach
    void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    // --- the tests ---------------------------------------------------------------------------

    @Test
    void pollsTheSteadyPollstersOnAConfigAdminSource() throws Exception {
        agent.source("steady", Map.of("name", "steady", "interval", 1, "meters", "test.*"));

        eventuallyEquals("the plan", plan(1, "steady", "test.counter", "test.steady"), agent::plan);
        eventually("two calls of each steady pollster on node-1..3",
                () -> sink.all(), all -> callsPerResource(all, "test.steady") >= 2
                        && callsPerResource(all, "test.counter") >= 2);

        for (Received r : sink.all()) {
            assertEquals("steady", r.source(), "the batch names its polling source");
            assertEquals(r.meter(), r.pollster(), "the batch names its pollster");
            assertTrue(r.signature().matches("[0-9a-f]{64}"), "64 hex digits: " + r.signature());
            assertTrue(agent.signedWithSecret(r.message()),
                    "signed with the configured telemetry_secret: " + r.message());
            assertEquals("openstack", r.message().get("source"));
            assertEquals("test-project", r.message().get("project_id"));
            assertTrue(NODES.contains(r.resourceId()), r.toString());
            assertEquals(r.resourceId().substring("node-".length()), String.valueOf(r.metadata().get("index")),
                    "the discovery's metadata travels with the sample");
        }
        for (Received r : sink.matching(of("steady", "test.steady"))) {
            assertEquals("gauge", r.message().get("counter_type"));
            assertEquals("unit", r.message().get("counter_unit"));
            assertEquals(r.metadata().get("index"), r.volume(), "an integer volume stays an integer");
        }
        for (String node : NODES) {
            List<Object> volumes = sink.matching(of("steady", "test.counter")).stream()
                    .filter(r -> r.resourceId().equals(node)).sorted(Comparator.comparing(Received::timestamp))
                    .map(Received::volume).toList();
            volumes.forEach(v -> assertInstanceOf(Double.class, v, "test.counter volumes are doubles"));
            for (int i = 1; i < volumes.size(); i++) {
                assertTrue((Double) volumes.get(i) > (Double) volumes.get(i - 1), "cumulative grows: " + volumes);
            }
        }
        IntervalStatus one = agent.interval(1).orElseThrow();
        assertEquals(0, one.errors(), one.toString());

        // the default file sink gets the same signed messages, one JSON line each (json.dumps separators or none)
        Received some = sink.all().get(0);
        Path file = agent.samplesDir().resolve("samples.jsonl");
        Pattern id = Pattern.compile("\"message_id\":\\s?\"" + some.message().get("message_id") + "\"");
        Pattern signature = Pattern.compile("\"message_signature\":\\s?\"" + some.signature() + "\"");
        eventually("message " + some.message().get("message_id") + " in " + file,
                () -> read(file),
                text -> text.lines().anyMatch(line -> id.matcher(line).find() && signature.matcher(line).find()));
    }

    @Test
    void hotDeployedPollsterBundleJoinsThePlanAndItsSamplesFlow() throws Exception {
        agent.source("steady", Map.of("name", "steady", "interval", 1, "meters", "test.*"));
        agent.source("slow", Map.of("name", "slow", "interval", 2, "meters", "test.steady"));
        var steadyPlan = plan(1, "steady", "test.counter", "test.steady");
        steadyPlan.putAll(plan(2, "slow", "test.steady"));
        eventuallyEquals("the plan", steadyPlan, agent::plan);
        eventually("samples of the 2 s source", () -> sink.matching(of("slow", "test.steady")), l -> !l.isEmpty());

        try (IntervalWatch watch = IntervalWatch.start(agent, Set.of(1, 2))) {
            Bundle hot = agent.installAndStart(RunningAgent.HOT);
            var hotPlan = plan(1, "steady", "test.counter", "test.hot", "test.steady");
            hotPlan.putAll(plan(2, "slow", "test.steady"));
            eventuallyEquals("the plan with test.hot", hotPlan, agent::plan);
            List<Received> hotSamples = eventually("test.hot samples on node-1..3",
                    () -> sink.matching(of("steady", "test.hot")),
                    l -> l.stream().map(Received::resourceId).collect(Collectors.toSet()).containsAll(NODES));
            for (Received r : hotSamples) {
                assertEquals(Map.of("tier", "hot", "zone", Map.of("name", "zone-1", "rank", 1)), r.metadata().get("labels"));
                assertEquals(Arrays.asList("hot", "it's", 1, 2.5, true, null), r.metadata().get("tags"));
                assertEquals(99.5, r.volume());
                assertTrue(agent.signedWithSecret(r.message()), r.toString());
            }

            long slowCycles = agent.interval(2).orElseThrow().cycles();
            hot.uninstall();
            eventuallyEquals("the plan without test.hot", steadyPlan, agent::plan);
            LocalDateTime replanned = assertNoSamplesOfACycleAfterNow(1, "steady", "test.hot");
            eventually("the 2 s interval keeps its schedule", () -> agent.interval(2).orElseThrow(),
                    s -> s.cycles() >= slowCycles + 2);
            eventually("samples of the 2 s source after the re-plan", () -> sink.matching(of("slow", "test.steady")),
                    l -> l.stream().anyMatch(r -> r.timestamp().isAfter(replanned)));
            assertEquals(List.of(), watch.violations());
        }
    }

    @Test
    void stoppingABundleRemovesItsPollsterWithoutErrors() throws Exception {
        agent.source("steady", Map.of("name", "steady", "interval", 1, "meters", "test.*"));
        Bundle hot = agent.installAndStart(RunningAgent.HOT);
        var withHot = plan(1, "steady", "test.counter", "test.hot", "test.steady");
        eventuallyEquals("the plan with test.hot", withHot, agent::plan);
        eventually("test.hot samples", () -> sink.matching(of("steady", "test.hot")), l -> !l.isEmpty());

        try (IntervalWatch watch = IntervalWatch.start(agent, Set.of(1))) {
            hot.stop();
            eventuallyEquals("the plan without test.hot", plan(1, "steady", "test.counter", "test.steady"), agent::plan);
            assertNoSamplesOfACycleAfterNow(1, "steady", "test.hot");

            hot.start();
            eventuallyEquals("the plan with test.hot again", withHot, agent::plan);
            LocalDateTime restarted = nextCycleStart(1);
            eventually("test.hot samples after the restart", () -> sink.matching(of("steady", "test.hot")),
                    l -> l.stream().anyMatch(r -> !r.timestamp().isBefore(restarted)));
            assertEquals(List.of(), watch.violations());
        }
        assertEquals(0, agent.interval(1).orElseThrow().errors());
    }

    @Test
    void createUpdateDeleteOfASourceThroughConfigAdminIsFollowedByThePlan() throws Exception {
        Configuration source = agent.source("cud", Map.of("name", "cud", "interval", 1, "meters", "test.steady"));
        eventuallyEquals("the plan", plan(1, "cud", "test.steady"), agent::plan);
        eventually("samples of source cud", () -> sink.matching(of("cud", "test.steady")), l -> !l.isEmpty());

        // a .cfg file writes lists comma-separated
        source.update(RunningAgent.dictionary(Map.of("name", "cud", "interval", 3, "meters", "test.counter, test.steady")));
        eventuallyEquals("the plan", plan(3, "cud", "test.counter", "test.steady"), agent::plan);
        eventuallyEquals("the intervals", List.of(3), () -> intervalsOf(agent.intervals()));
        SourceStatus status = single(agent.sources());
        assertEquals(new SourceStatus("cud", status.origin(), 3, List.of("test.counter", "test.steady"), List.of(),
                List.of(), null), status);
        eventually("test.counter samples of source cud", () -> sink.matching(of("cud", "test.counter")), l -> !l.isEmpty());

        // the shell and the web console write lists as arrays; a new name is a new source
        source.update(RunningAgent.dictionary(Map.of("name", "renamed", "interval", 3, "meters", new String[] {"test.steady"})));
        eventuallyEquals("the plan", plan(3, "renamed", "test.steady"), agent::plan);
        eventuallyEquals("the source names", List.of("renamed"),
                () -> agent.sources().stream().map(SourceStatus::name).toList());

        source.delete();
        eventuallyEquals("the plan", new TreeMap<>(), agent::plan);
        eventuallyEquals("the sources", List.of(), agent::sources);
        eventuallyEquals("the intervals", List.of(), () -> intervalsOf(agent.intervals()));
    }

    @Test
    void invalidSourceUpdateIsRejectedAndTheOldVersionKeepsPolling() throws Exception {
        var good = plan(1, "steady", "test.counter", "test.steady");
        Configuration source = agent.source("steady", Map.of("name", "steady", "interval", 1, "meters", "test.*"));
        eventuallyEquals("the plan", good, agent::plan);

        try (IntervalWatch watch = IntervalWatch.start(agent, Set.of(1))) {
            source.update(RunningAgent.dictionary(Map.of("name", "steady", "interval", 0, "meters", "test.*")));
            SourceStatus rejected = eventually("the update rejected", () -> single(agent.sources()), SourceStatus::rejected);
            assertEquals("steady", rejected.name());
            assertEquals(1, rejected.interval(), "the version in force is the last good one");
            assertTrue(rejected.error().contains("'steady'") && rejected.error().contains("interval"),
                    "the error names the source and the field: " + rejected.error());
            assertEquals(good, agent.plan());
            LocalDateTime after = nextCycleStart(1);
            awaitCalls("steady", "test.steady", after, 2);
            assertEquals(List.of(1), intervalsOf(agent.intervals()), "still polled every second only");

            source.update(RunningAgent.dictionary(Map.of("name", "steady", "interval", 1, "meters", "cpu, !mem")));
            rejected = eventually("the second update rejected", () -> single(agent.sources()),
                    s -> s.rejected() && s.error().contains("meters"));
            assertTrue(rejected.error().contains("'steady'"), rejected.error());
            assertEquals(good, agent.plan());
            awaitCalls("steady", "test.steady", nextCycleStart(1), 2);
            assertEquals(List.of(), watch.violations());
        }

        source.update(RunningAgent.dictionary(Map.of("name", "steady", "interval", 2, "meters", "test.steady")));
        eventuallyEquals("the plan of the fixed source", plan(2, "steady", "test.steady"), agent::plan);
        assertEquals(null, single(agent.sources()).error());
    }

    @Test
    void pollingYamlSourcesArePolledAndReReadWhenTheFileChanges() throws Exception {
        Path yaml = agent.work().resolve("polling.yaml");
        write(yaml, """
                ---
                sources:
                    - name: yaml_source
                      interval: 1
                      meters:
                        - test.steady
                """);
        agent.configure(RunningAgent.ENGINE_PID, Map.of("polling_yaml", yaml.toString()));
        eventuallyEquals("the plan", plan(1, "yaml_source", "test.steady"), agent::plan);
        eventually("samples of the yaml source", () -> sink.matching(of("yaml_source", "test.steady")), l -> !l.isEmpty());

        write(yaml, """
                ---
                sources:
                    - name: yaml_source
                      interval: 2
                      meters: [test.steady, test.counter]
                    - name: yaml_second
                      interval: 1
                      meters: ["test.c*"]
                """);
        var rewritten = plan(1, "yaml_second", "test.counter");
        rewritten.putAll(plan(2, "yaml_source", "test.counter", "test.steady"));
        eventuallyEquals("the plan of the rewritten file", rewritten, agent::plan);

        write(yaml, "sources:\n    - name: yaml_source\n      interval: [2\n");
        SourceStatus broken = eventually("the broken file reported", agent::sources,
                l -> l.stream().anyMatch(SourceStatus::rejected)).stream().filter(SourceStatus::rejected).findFirst()
                .orElseThrow();
        assertTrue(broken.error().contains(yaml.toString()), "the error names the file: " + broken.error());
        assertEquals(rewritten, agent.plan(), "the last good sources stay in force");
        awaitCalls("yaml_second", "test.counter", nextCycleStart(1), 1);

        write(yaml, """
                sources:
                    - name: yaml_source
                      interval: 2
                      meters: [test.steady, test.counter]
                    - name: yaml_second
                      interval: 0
                      meters: ["test.c*"]
                """);
        SourceStatus second = eventually("yaml_second rejected", agent::sources,
                l -> l.stream().anyMatch(s -> "yaml_second".equals(s.name()) && s.rejected()))
                .stream().filter(s -> "yaml_second".equals(s.name())).findFirst().orElseThrow();
        assertTrue(second.error().contains("'yaml_second'") && second.error().contains("interval"), second.error());
        assertEquals(1, second.interval(), "its last good version stays in force");
        assertTrue(agent.sources().stream().filter(s -> !"yaml_second".equals(s.name())).noneMatch(SourceStatus::rejected),
                "the file itself is fine again: " + agent.sources());
        assertEquals(rewritten, agent.plan());

        agent.configure(RunningAgent.ENGINE_PID, Map.of("polling_yaml", ""));
        eventuallyEquals("the plan without a polling.yaml", new TreeMap<>(), agent::plan);
        eventuallyEquals("the sources", List.of(), agent::sources);
    }

    @Test
    void namespacesFilterPollsters() throws Exception {
        var all = plan(1, "all", "test.counter", "test.steady");
        agent.source("all", Map.of("name", "all", "interval", 1, "meters", "*"));
        eventuallyEquals("the plan", all, agent::plan);

        agent.configure(RunningAgent.ENGINE_PID, Map.of("namespaces", "other"));
        eventuallyEquals("the plan with namespaces=other", new TreeMap<>(), agent::plan);
        eventuallyEquals("the intervals", List.of(), () -> intervalsOf(agent.intervals()));
        assertEquals(List.of("all"), agent.sources().stream().map(SourceStatus::name).toList(), "the source stays");

        agent.configure(RunningAgent.ENGINE_PID, Map.of("namespaces", "other, test"));
        eventuallyEquals("the plan with namespaces=other,test", all, agent::plan);

        agent.configure(RunningAgent.ENGINE_PID, Map.of("namespaces", "other"));
        eventuallyEquals("the plan with namespaces=other", new TreeMap<>(), agent::plan);

        agent.configure(RunningAgent.ENGINE_PID, Map.of("namespaces", ""));
        eventuallyEquals("the plan with every namespace", all, agent::plan);
        awaitCalls("all", "test.steady", nextCycleStart(1), 1);
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A plan of one interval and one source: {@code interval → source → pollsters}. */
    private static SortedMap<Integer, SortedMap<String, List<String>>> plan(int interval, String source,
            String... pollsters) {
        SortedMap<String, List<String>> sources = new TreeMap<>(Map.of(source, List.of(pollsters)));
        return new TreeMap<>(Map.of(interval, sources));
    }

    private static List<Integer> intervalsOf(List<IntervalStatus> intervals) {
        return intervals.stream().map(IntervalStatus::interval).toList();
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "exactly one: " + list);
        return list.get(0);
    }

    /** The fewest samples of {@code meter} any node has had. */
    private static long callsPerResource(List<Received> all, String meter) {
        Map<String, Long> perNode = all.stream().filter(r -> meter.equals(r.meter()))
                .collect(Collectors.groupingBy(Received::resourceId, Collectors.counting()));
        return NODES.stream().mapToLong(n -> perNode.getOrDefault(n, 0L)).min().orElse(0);
    }

    /**
     * The start of the first cycle of {@code interval} that begins after this call, in the
     * engine's sample-timestamp form (naive UTC, microseconds). Such a cycle runs the plan in
     * force now; every call it makes is stamped at or after its start.
     */
    private LocalDateTime nextCycleStart(int interval) {
        Instant now = Instant.now();
        IntervalStatus s = eventually("a " + interval + " s cycle starting after " + now,
                () -> agent.interval(interval).orElseThrow(),
                st -> st.lastStart() != null && Instant.parse(st.lastStart()).isAfter(now));
        return LocalDateTime.ofInstant(Instant.parse(s.lastStart()), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Waits until {@code calls} pollster calls (distinct timestamps) stamped at or after {@code from} have been received. */
    private void awaitCalls(String source, String meter, LocalDateTime from, int calls) {
        eventually(calls + " calls of " + meter + " for source " + source + " from " + from,
                () -> sink.matching(of(source, meter)).stream().map(Received::timestamp).filter(t -> !t.isBefore(from))
                        .distinct().count(),
                n -> n >= calls);
    }

    /**
     * After a re-plan that dropped {@code meter}: the first cycle that starts from now on and the
     * one after it are received (the sink gets batches in order, so all of the first cycle is in),
     * and no sample of {@code meter} comes from them. Returns that first cycle's start.
     */
    private LocalDateTime assertNoSamplesOfACycleAfterNow(int interval, String source, String meter) {
        LocalDateTime from = nextCycleStart(interval);
        String witness = sink.matching(r -> r.source().equals(source)).stream().map(Received::meter)
                .filter(m -> !m.equals(meter)).findFirst().orElseThrow(() -> new AssertionError("no other meter in " + source));
        awaitCalls(source, witness, from, 2);
        List<Received> late = sink.matching(r -> meter.equals(r.meter()) && !r.timestamp().isBefore(from));
        assertEquals(List.of(), late, meter + " samples from cycles that started after it left the plan");
        return from;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file in one step, so the engine never reads it half-written. */
    private static void write(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
