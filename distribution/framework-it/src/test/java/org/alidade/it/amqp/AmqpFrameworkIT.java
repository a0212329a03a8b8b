package org.alidade.it.amqp;

import static org.alidade.it.felix.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.alidade.api.PollingAgent.SinkStatus;
import org.alidade.it.felix.RecordingSink;
import org.alidade.it.felix.RunningAgent;
import org.alidade.publisher.amqp.it.Rabbitmqctl;
import org.alidade.publisher.amqp.it.Received;
import org.alidade.publisher.amqp.it.SharedVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.osgi.service.cm.Configuration;

/**
 * The RabbitMQ publisher in a real Felix: the publisher bundle (amqp-client embedded), the engine
 * and the steady test pollsters, configured through ConfigAdmin (PID
 * {@code org.alidade.publisher.amqp}) against the shared broker on 127.0.0.1:5672, in a vhost of
 * this test's own that is deleted with everything in it at the end (publisher-amqp's helpers, from
 * its test-jar). The samples the engine polls arrive on the {@code notifications.sample} queue
 * bound to the {@code ceilometer} exchange as oslo v2 notifications, sample for sample what the
 * engine signed; {@code PollingAgent.sinks()} shows the sink with its own health; deleting the
 * configuration unregisters it. Every field of the envelope is checked by publisher-amqp's WireIT.
 */
class AmqpFrameworkIT {

    private static final String AMQP_PID = "org.alidade.publisher.amqp";
    private static final String QUEUE = "notifications.sample";
    private static final String CONNECTION_NAME = "alidade-polling";

    private SharedVhost vhost;
    private RunningAgent agent;
    /** Every notification taken from the queue so far. */
    private final List<Received> consumed = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            if (vhost != null) {
                vhost.close();
                assertFalse(Rabbitmqctl.ctl(null, "list_vhosts", "name").lines().anyMatch(vhost.name::equals),
                        "vhost " + vhost.name + " left behind");
            }
        }
    }

    @Test
    void polledSamplesArriveAsOsloNotificationsAndTheSinkFollowsItsConfiguration(TestInfo test) throws Exception {
        vhost = new SharedVhost();
        agent = RunningAgent.start(test.getTestMethod().orElseThrow().getName(), RunningAgent.STEADY,
                "publisher-amqp");
        assertNull(amqpSink(), "no amqp sink without its configuration: " + agent.agent().sinks());

        Configuration config = agent.configure(AMQP_PID, Map.of("transport_url", vhost.url(),
                "spool_dir", agent.work().resolve("amqp-spool").toString()));
        SinkStatus connected = eventually("the amqp sink, connected", this::amqpSink,
                s -> s != null && Boolean.TRUE.equals(s.details().get("connected")));
        // (a null value, such as last_error before any error, is not listed)
        assertTrue(connected.details().keySet().containsAll(List.of("connected", "broker", "backlog", "published",
                "confirmed", "dropped")), "the sink's health() in sinks(): " + connected.details());
        assertEquals("127.0.0.1:" + SharedVhost.PORT, connected.details().get("broker"), connected.toString());
        assertFalse(connected.details().toString().contains("guest:guest"), "no credentials: " + connected.details());

        agent.source("steady", Map.of("name", "steady", "interval", 1, "meters", "test.*"));
        // all of two cycles (3 nodes x 2 meters each) at the test's sink, then all of them on the queue
        RecordingSink recorder = agent.sink();
        List<RecordingSink.Received> polled = eventually("two cycles of samples at the test's sink", recorder::all,
                l -> l.size() >= 12);
        Set<String> polledIds = polled.stream().map(r -> (String) r.message().get("message_id"))
                .collect(Collectors.toSet());
        eventually("the samples of two cycles on queue " + QUEUE, this::consumedSampleIds,
                ids -> ids.containsAll(polledIds));

        // each sink gets the batches from a thread of its own: the test's may be behind the broker
        Set<String> wireIds = sampleIds(consumed);
        List<RecordingSink.Received> recorded = eventually("every sample on the wire at the test's sink too",
                recorder::all, l -> l.stream().map(r -> r.message().get("message_id")).collect(Collectors.toSet())
                        .containsAll(wireIds));
        Map<String, Map<String, Object>> engineMessages = new HashMap<>();
        for (RecordingSink.Received r : recorded) {
            engineMessages.put((String) r.message().get("message_id"), normalized(r.message()));
        }
        for (Received n : consumed) {
            assertEquals("ceilometer", n.exchange());
            assertEquals(QUEUE, n.routingKey());
            assertEquals("application/json", n.properties().getContentType());
            assertEquals(2, n.properties().getDeliveryMode(), "persistent");
            assertEquals("2.0", n.envelope().get("oslo.version"));
            assertEquals("ceilometer.polling", n.message().get("publisher_id"));
            assertEquals("telemetry.polling", n.message().get("event_type"));
            assertEquals("SAMPLE", n.message().get("priority"));
            List<Map<String, Object>> samples = n.samples();
            assertFalse(samples.isEmpty(), "a notification carries its batch: " + n.body());
            assertEquals(1, samples.stream().map(s -> s.get("counter_name")).distinct().count(),
                    "one batch (one pollster) per notification: " + n.body());
            for (Map<String, Object> s : samples) {
                Map<String, Object> polledMessage = engineMessages.get((String) s.get("message_id"));
                assertTrue(polledMessage != null, "a sample the engine did not hand to the sinks: " + s);
                assertEquals(polledMessage, s, "the sample as the engine signed it");
            }
        }
        long published = consumed.stream().mapToLong(n -> n.samples().size()).sum();
        assertEquals(published, wireIds.size(), "each sample once");

        SinkStatus status = eventually("the amqp sink's counters in sinks()", this::amqpSink,
                s -> ((Number) s.details().get("confirmed")).longValue() >= consumed.size());
        assertEquals(0, status.failed(), status.toString());
        assertEquals(0, status.dropped(), status.toString());
        assertEquals(0L, ((Number) status.details().get("dropped")).longValue(), status.toString());
        assertNull(status.details().get("last_error"), status.toString());

        // deleting the configuration unregisters the sink and closes its connection; polling goes on
        assertEquals(1, publisherConnections().size(), "the publisher's connection as the broker lists it");
        config.delete();
        eventually("the amqp sink gone from sinks()", () -> agent.agent().sinks(),
                sinks -> sinks.stream().noneMatch(s -> "amqp".equals(s.name())));
        eventually("the sink's connection closed", this::publisherConnections, List::isEmpty);
        int before = drain().size();
        int recordedSoFar = recorder.all().size();
        eventually("two more cycles at the test's sink", () -> recorder.all().size(), n -> n >= recordedSoFar + 12);
        assertEquals(List.of(), drain(), "notifications after the sink was unregistered (" + before
                + " came after the last check, before the connection closed)");
        assertEquals(0, agent.interval(1).orElseThrow().errors(), agent.interval(1).toString());
        assertEquals(List.of(), agent.log().lines().filter(l -> l.contains(" ERROR ")).toList(),
                "errors in the agent's log");
    }

    // --- helpers ---------------------------------------------------------------------------

    private SinkStatus amqpSink() {
        return agent.agent().sinks().stream().filter(s -> "amqp".equals(s.name())).findFirst().orElse(null);
    }

    /** Takes every notification waiting on the queue (and keeps them in {@link #consumed}). */
    private List<Received> drain() {
        ConnectionFactory cf = new ConnectionFactory();
        List<Received> out = new ArrayList<>();
        try {
            cf.setUri(vhost.url().replace("rabbit://", "amqp://"));
            try (Connection c = cf.newConnection("framework-it"); Channel ch = c.createChannel()) {
                for (GetResponse r; (r = ch.basicGet(QUEUE, true)) != null;) {
                    out.add(Received.of(r));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot consume " + QUEUE + " in vhost " + vhost.name + ": " + e, e);
        }
        consumed.addAll(out);
        return out;
    }

    private Set<String> consumedSampleIds() {
        drain();
        return sampleIds(consumed);
    }

    private static Set<String> sampleIds(List<Received> notifications) {
        return notifications.stream().flatMap(n -> n.samples().stream()).map(s -> (String) s.get("message_id"))
                .collect(Collectors.toSet());
    }

    /** The publisher's connections to this test's vhost, as the broker lists them. */
    private List<String> publisherConnections() {
        return Rabbitmqctl.ctl(null, "list_connections", "vhost", "client_properties").lines()
                .filter(l -> l.startsWith(vhost.name + "\t") && l.contains(CONNECTION_NAME)).toList();
    }

    /** A message as JSON gives it back (the types Jackson reads), to compare with what came over the wire. */
    private static Map<String, Object> normalized(Map<String, Object> message) {
        try {
            return Received.JSON.readValue(Received.JSON.writeValueAsString(message), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
