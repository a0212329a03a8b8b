package org.alidade.it.agent;

import static org.alidade.it.agent.AgentProcess.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The assembled agent as a user runs it: {@code bin/alidade}, its folders and its shell. */
class RunnableAgentIT {

    private static AgentProcess install(TestInfo test) throws Exception {
        return AgentProcess.install(test.getTestMethod().orElseThrow().getName());
    }

    private static Path example(AgentProcess agent) {
        return agent.home().resolve("examples/example-pollster.jar");
    }

    @Test
    void theDefaultConfigurationPollsThisHostsHardwareAndWritesSignedSamples(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            agent.start();
            eventually("the default sources planned", () -> {
                String plan = agent.shell("alidade:plan");
                return plan.contains("host: hardware.cpu.idle") && plan.contains("compute: cpu");
            });
            eventually("hardware samples written", () -> !agent.samples("hardware.memory.total").isEmpty());
            Map<String, Object> mem = agent.samples("hardware.memory.total").get(0);
            String host = java.net.InetAddress.getLocalHost().getHostName();
            assertEquals(host, mem.get("resource_id"), "the local node is this host");
            assertEquals("KB", mem.get("counter_unit"));
            assertTrue(((Number) mem.get("counter_volume")).longValue() > 0);
            assertTrue(((String) mem.get("message_signature")).matches("[0-9a-f]{64}"));
            String status = agent.shell("alidade:status");
            assertTrue(status.contains("60s") && status.contains("300s"), status);
            assertFalse(agent.log().contains("| ERROR"), "a fresh machine logs no error:\n" + agent.log());
            assertTrue(agent.log().contains("cycle 60s:"), "one summary line per cycle in the log");
        }
    }

    @Test
    void aBundleDroppedIntoDeployJoinsThePlanAndLeavesWhenDeleted(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            agent.writeSource("example", "interval = 2", "meters = example.*");
            agent.start();
            assertFalse(agent.shell("alidade:plan").contains("example"));

            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            eventually("example.uptime in the plan", () -> agent.shell("alidade:plan").contains("example: example.uptime"));
            assertTrue(agent.shell("alidade:pollsters").contains("org.alidade.example.uptime"));
            eventually("example.uptime samples written", () -> !agent.samples("example.uptime").isEmpty());
            Map<String, Object> s = agent.samples("example.uptime").get(0);
            assertEquals("s", s.get("counter_unit"));
            assertTrue(((Number) s.get("counter_volume")).doubleValue() > 0);
            assertEquals(64, ((String) s.get("message_signature")).length());

            Files.delete(agent.home().resolve("deploy/example-pollster.jar"));
            eventually("example.uptime gone from the plan", () -> !agent.shell("alidade:plan").contains("example"));
            assertFalse(agent.log().contains("| ERROR"), "no error in the log:\n" + agent.log());
        }
    }

    @Test
    void editingASourceFileRePlans(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            agent.writeSource("example", "interval = 30", "meters = example.*");
            agent.start();
            eventually("30s plan", () -> agent.shell("alidade:plan").contains("30s"));
            agent.writeSource("example", "interval = 45", "meters = example.*");
            eventually("45s plan", () -> {
                String plan = agent.shell("alidade:plan");
                return plan.contains("45s") && !plan.contains("30s");
            });
            Files.delete(agent.etc("org.alidade.polling.source-example.cfg"));
            eventually("source gone", () -> !agent.shell("alidade:sources").contains("example"));
        }
    }

    @Test
    void theShellCommandsWorkDrivenThroughStdin(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            agent.start();
            eventually("example pollster registered", () -> agent.shell("alidade:pollsters").contains("example.uptime"));

            String created = agent.shell("alidade:source-set up interval=60 meters=example.uptime "
                    + "'resources=snmp://admin:s3cret@10.0.0.9?auth_key=k3y'"); // quoted: ? is a glob in Gogo
            assertTrue(created.contains("source up created"), created);
            Path file = agent.etc("org.alidade.polling.source-up.cfg");
            assertTrue(Files.exists(file), "written back to etc/");
            eventually("up in the plan", () -> agent.shell("alidade:plan").contains("up: example.uptime"));

            String sources = agent.shell("alidade:sources");
            assertTrue(sources.contains("snmp://admin:***@10.0.0.9?auth_key=***"), sources);
            assertFalse(sources.contains("s3cret") || sources.contains("k3y"), "credentials masked:\n" + sources);

            assertTrue(agent.shell("alidade:discoveries").contains("local_node"));
            String poll = agent.shell("alidade:poll up example.uptime");
            assertTrue(poll.contains("example.uptime") && poll.contains("not published"), poll);
            assertTrue(agent.shell("alidade:poll nosuch").contains("no source named 'nosuch'"));

            String status = agent.shell("alidade:status");
            assertTrue(status.contains("60s") && status.contains("file"), status);

            String bad = agent.shell("alidade:source-set up interval=-5");
            assertTrue(bad.contains("interval") && bad.contains("nothing changed"), bad);
            assertTrue(Files.readString(file).contains("interval = 60"), "a rejected change leaves the file alone");

            assertTrue(agent.shell("alidade:blacklist").contains("nothing blacklisted"));
            assertTrue(agent.shell("alidade:blacklist-clear").contains("cleared 0"));
            String help = agent.shell("alidade:source-set --help");
            assertTrue(help.startsWith("usage: alidade:source-set NAME key=value"), help);
            String unknownKey = agent.shell("alidade:source-set up colour=blue");
            assertTrue(unknownKey.contains("unknown key 'colour'"), unknownKey);
            assertFalse(agent.output().contains("Exception"), "messages, not stack traces:\n" + agent.output());

            assertTrue(agent.shell("alidade:source-remove up").contains("removed"));
            eventually("file and source gone", () -> !Files.exists(file)
                    && !agent.shell("alidade:sources").contains("up "));
        }
    }

    @Test
    void onceExitsZeroWithTheSamplesWritten(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            agent.writeSource("example", "interval = 3600", "meters = example.*");
            agent.start("--once");
            assertEquals(0, agent.awaitExit(), agent.output());
            assertTrue(agent.output().contains("samples published, exit 0"), agent.output());
            assertEquals(1, agent.samples("example.uptime").size());
        }
    }

    @Test
    void onceExitsNonZeroOnABrokenSourceNamingTheSourceAndTheField(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            agent.writeSource("example", "interval = 3600", "meters = example.*");
            agent.writeSource("broken", "interval = soon", "meters = example.*");
            agent.start("--once");
            int rc = agent.awaitExit();
            assertEquals(2, rc, agent.output());
            assertTrue(agent.output().contains("polling source 'broken'") && agent.output().contains("interval"),
                    agent.output());
            assertEquals(1, agent.samples("example.uptime").size(), "the good source is still polled");
        }
    }

    @Test
    void asAServiceItStopsCleanlyOnSigtermAndKeepsItsStateForTheNextStart(TestInfo test) throws Exception {
        try (AgentProcess agent = install(test)) {
            Files.copy(example(agent), agent.home().resolve("deploy/example-pollster.jar"));
            agent.writeSource("example", "interval = 1", "meters = example.*");
            agent.start("--service");
            eventually("samples", () -> agent.samples("example.uptime").size() >= 2);
            int rc = agent.terminate();
            assertTrue(rc == 0 || rc == 143, "SIGTERM ends the agent normally, not " + rc + ":\n" + agent.output());
            assertTrue(agent.log().contains("engine stopped"), agent.log());
            int before = agent.samples("example.uptime").size(); // every line parses: no torn write

            agent.start("--once");
            assertEquals(0, agent.awaitExit(), agent.output());
            assertEquals(before + 1, agent.samples("example.uptime").size(), "samples of earlier runs are kept");
        }
    }
}
