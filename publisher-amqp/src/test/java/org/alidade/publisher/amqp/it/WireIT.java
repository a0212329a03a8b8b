package org.alidade.publisher.amqp.it;

import org.alidade.agent.core.message.PythonJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alidade.api.SampleBatch;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lands on the real broker is what ceilometer-polling sends (reference §3): topology and
 * flags, delivery info, AMQP properties, both JSON layers, every sample field, and a signature
 * that re-computes from the received JSON.
 */
class WireIT {

    @TempDir
    Path spool;

    @Test
    void publishesOsloV2NotificationsExactlyAsCeilometerPolling() throws Exception {
        try (SharedVhost vhost = new SharedVhost()) {
            Topology topology = new Topology("ceilometer", List.of("notifications", "alidade_it"), false, false, Map.of());
            List<SampleBatch> sent = List.of(TestSamples.batch("src-a", 0, 1), TestSamples.batch("src-a", 1, 3),
                    TestSamples.batch("src-b", 4, 2));
            AmqpSink sink = Sinks.start(vhost.url(), topology, spool);
            try {
                for (SampleBatch b : sent) {
                    sink.publish(b);
                }
                assertTrue(sink.awaitDrained(30_000), "all confirmed: " + sink.status());
                assertEquals(12L, sink.status().get("confirmed"), "6 samples x 2 topics");
                assertEquals(0L, sink.status().get("dropped"));
                assertEquals(true, sink.status().get("connected"));
            } finally {
                sink.close();
            }

            // oslo's default flags: a transient, not auto-deleted topic exchange and queue, bound by the queue name
            String exchanges = Rabbitmqctl.ctl(null, "list_exchanges", "-p", vhost.name, "name", "type", "durable",
                    "auto_delete");
            assertTrue(exchanges.matches("(?s).*ceilometer\\s+topic\\s+false\\s+false.*"), exchanges);
            String queues = Rabbitmqctl.ctl(null, "list_queues", "-p", vhost.name, "name", "durable", "auto_delete",
                    "exclusive", "arguments", "messages");
            assertTrue(queues.matches("(?s).*notifications\\.sample\\s+false\\s+false\\s+false\\s+\\[\\]\\s+3.*"), queues);
            assertTrue(queues.matches("(?s).*alidade_it\\.sample\\s+false\\s+false\\s+false\\s+\\[\\]\\s+3.*"), queues);
            String bindings = Rabbitmqctl.ctl(null, "list_bindings", "-p", vhost.name, "source_name", "destination_name",
                    "routing_key");
            assertTrue(bindings.matches("(?s).*ceilometer\\s+notifications\\.sample\\s+notifications\\.sample.*"), bindings);

            List<Received> main = drain(vhost, "notifications.sample");
            List<Received> other = drain(vhost, "alidade_it.sample");
            assertEquals(3, main.size());
            assertEquals(3, other.size());
            for (int i = 0; i < sent.size(); i++) {
                checkNotification(main.get(i), "notifications.sample", sent.get(i));
                checkNotification(other.get(i), "alidade_it.sample", sent.get(i));
                // as oslo: one message_id for all topics, a fresh _unique_id per topic send
                assertEquals(main.get(i).message().get("message_id"), other.get(i).message().get("message_id"));
                assertNotEquals(main.get(i).message().get("_unique_id"), other.get(i).message().get("_unique_id"));
            }
        }
    }

    private static List<Received> drain(SharedVhost vhost, String queue) throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(vhost.url().replace("rabbit://", "amqp://"));
        List<Received> out = new ArrayList<>();
        try (Connection c = cf.newConnection(); Channel ch = c.createChannel()) {
            for (GetResponse r; (r = ch.basicGet(queue, true)) != null;) {
                out.add(Received.of(r));
            }
        }
        return out;
    }

    private static void checkNotification(Received r, String routingKey, SampleBatch batch) {
        assertEquals("ceilometer", r.exchange());
        assertEquals(routingKey, r.routingKey());
        var p = r.properties();
        assertEquals("application/json", p.getContentType());
        assertEquals("utf-8", p.getContentEncoding());
        assertEquals(2, p.getDeliveryMode());
        assertEquals(0, p.getPriority());
        assertTrue(p.getHeaders() == null || p.getHeaders().isEmpty(), "no headers: " + p.getHeaders());
        assertNull(p.getMessageId());
        assertNull(p.getTimestamp());
        assertNull(p.getCorrelationId());
        assertNull(p.getExpiration());

        assertEquals(List.of("oslo.version", "oslo.message"), List.copyOf(r.envelope().keySet()));
        assertEquals("2.0", r.envelope().get("oslo.version"));
        assertTrue(r.body().startsWith("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"message_id\\\": \\\""),
                r.body().substring(0, 80));
        assertTrue(r.body().chars().allMatch(c -> c < 0x80), "ensure_ascii: the body is pure ASCII");
        Map<String, Object> m = r.message();
        assertEquals(List.of("message_id", "publisher_id", "event_type", "priority", "payload", "timestamp", "_unique_id"),
                List.copyOf(m.keySet()));
        assertTrue(((String) m.get("message_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals("ceilometer.polling", m.get("publisher_id"));
        assertEquals("telemetry.polling", m.get("event_type"));
        assertEquals("SAMPLE", m.get("priority"));
        assertTrue(((String) m.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"),
                (String) m.get("timestamp"));
        assertTrue(((String) m.get("_unique_id")).matches("[0-9a-f]{32}"));
        assertEquals(List.of("samples"), List.copyOf(((Map<?, ?>) m.get("payload")).keySet()));

        List<Map<String, Object>> samples = r.samples();
        assertEquals(batch.size(), samples.size(), "one notification per batch");
        for (int i = 0; i < samples.size(); i++) {
            Map<String, Object> got = samples.get(i);
            Map<String, Object> want = batch.messages().get(i);
            assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "sample keys in Ceilometer's order");
            assertEquals(PythonJson.write(want), PythonJson.write(got), "every sample field, with its JSON type");
            assertEquals(got.get("message_signature"), TestSamples.SIGNER.signature(got),
                    "the signature re-computed from the received JSON");
        }
    }
}
