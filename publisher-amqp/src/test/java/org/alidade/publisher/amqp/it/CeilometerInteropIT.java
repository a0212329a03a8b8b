package org.alidade.publisher.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.alidade.api.SampleBatch;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumer: Debian's {@code ceilometer-agent-notification} (Ceilometer 19.0.0) takes
 * what Alidade publishes and every sample comes out of its pipeline (a file publisher); and
 * Ceilometer's own {@code verify_signature}, run by Debian's Python, accepts every signature.
 */
class CeilometerInteropIT {

    static final String PYTHON = "/usr/bin/python3";
    static final String AGENT = "/usr/bin/ceilometer-agent-notification";

    @TempDir
    Path work;

    @Test
    void ceilometersNotificationAgentTakesEverySampleAndItsVerifySignatureAcceptsThem() throws Exception {
        assertTrue(Files.isExecutable(Path.of(AGENT)), AGENT + " missing: scripts/test.sh installs the Debian package "
                + "ceilometer-agent-notification (scripts/prereqs.d/publisher-amqp.sh)");
        try (SharedVhost vhost = new SharedVhost()) {
            // topic notifications for the agent; a second topic keeps a copy for verify_signature
            Topology topology = new Topology("ceilometer", List.of("notifications", "alidade_verify"), false, false,
                    Map.of());
            List<SampleBatch> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(TestSamples.batch("interop", i * 25L, 25));
            }
            AmqpSink sink = Sinks.start(vhost.url(), topology, work.resolve("spool"));
            try {
                sent.forEach(sink::publish);
                assertTrue(sink.awaitDrained(30_000), "confirmed: " + sink.status());
            } finally {
                sink.close();
            }
            Set<String> ids = new HashSet<>();
            sent.forEach(b -> b.messages().forEach(m -> ids.add((String) m.get("message_id"))));

            verifyWithCeilometersPython(vhost);
            consumeWithCeilometersAgent(vhost, ids);
        }
    }

    private void verifyWithCeilometersPython(SharedVhost vhost) throws Exception {
        Path bodies = work.resolve("bodies.txt");
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(vhost.url().replace("rabbit://", "amqp://"));
        List<String> lines = new ArrayList<>();
        try (Connection c = cf.newConnection(); Channel ch = c.createChannel()) {
            for (GetResponse r; (r = ch.basicGet("alidade_verify.sample", true)) != null;) {
                lines.add(new String(r.getBody(), StandardCharsets.US_ASCII));
            }
        }
        assertEquals(8, lines.size());
        Files.write(bodies, lines, StandardCharsets.US_ASCII);
        Path script = work.resolve("verify_bodies.py");
        try (InputStream in = getClass().getResourceAsStream("/verify_bodies.py")) {
            Files.copy(in, script);
        }
        String out = Rabbitmqctl.run(Map.of(), 120, PYTHON, script.toString(), TestSamples.SECRET, bodies.toString());
        System.out.println("Ceilometer verify_signature: " + out.trim());
        assertEquals("verified 200 samples in 8 notifications", out.trim());
    }

    private void consumeWithCeilometersAgent(SharedVhost vhost, Set<String> ids) throws Exception {
        Path out = work.resolve("samples.out");
        Path pipeline = work.resolve("pipeline.yaml");
        Files.writeString(pipeline, String.join("\n", "---", "sources:", "  - name: meter_source", "    meters:",
                "      - \"*\"", "    sinks:", "      - meter_sink", "sinks:", "  - name: meter_sink",
                "    publishers:", "      - file://" + out + "?json", ""));
        Path conf = work.resolve("ceilometer.conf");
        Files.writeString(conf, String.join("\n",
                "[DEFAULT]",
                "transport_url = " + vhost.url(),
                "pipeline_cfg_file = " + pipeline,
                "log_file = " + work.resolve("agent.log"),
                "[notification]",
                "pipelines = meter",
                "workers = 1",
                "notification_control_exchanges = ceilometer",
                "[publisher]",
                "telemetry_secret = " + TestSamples.SECRET,
                "[oslo_concurrency]",
                "lock_path = " + work.resolve("lock"), ""));
        Process agent = new ProcessBuilder(AGENT, "--config-file", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("agent.stdout").toFile()).start();
        try {
            Eventually.await("every sample out of Ceilometer's pipeline", Duration.ofSeconds(90),
                    () -> published(out).containsAll(ids), () -> "got " + published(out).size() + " of " + ids.size()
                            + "; agent alive " + agent.isAlive() + "; log: " + tail(work.resolve("agent.log")));
            assertEquals(ids, published(out), "exactly the samples Alidade sent");
        } finally {
            agent.descendants().forEach(ProcessHandle::destroy);
            agent.destroy();
            if (!agent.waitFor(15, TimeUnit.SECONDS)) {
                agent.descendants().forEach(ProcessHandle::destroyForcibly);
                agent.destroyForcibly();
            }
        }
    }

    /** The message ids of the samples Ceilometer's file publisher wrote (one JSON sample per line). */
    private static Set<String> published(Path out) {
        Set<String> ids = new HashSet<>();
        try {
            if (!Files.exists(out)) {
                return ids;
            }
            for (String line : Files.readAllLines(out)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> s = Received.JSON.readValue(line, Map.class);
                assertEquals("cpu", s.get("name"), line);
                ids.add((String) s.get("id")); // Sample.as_dict(): the message_id is "id"
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
