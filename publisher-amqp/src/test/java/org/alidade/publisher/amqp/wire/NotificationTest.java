package org.alidade.publisher.amqp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.agent.core.message.JsonOut;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void timestampIsPythonStrOfNaiveUtc() {
        assertEquals("2026-11-28 18:26:38.186179", Notification.timestamp(Instant.parse("2026-11-28T18:26:38.186179Z")));
        assertEquals("2026-11-28 18:26:38", Notification.timestamp(Instant.parse("2026-11-28T18:26:38Z")));
        assertEquals("2026-11-28 18:26:38.000001", Notification.timestamp(Instant.parse("2026-11-28T18:26:38.000001999Z")));
    }

    @Test
    void envelopeMatchesTheCapturedOsloBody() {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("source", "openstack");
        sample.put("counter_volume", 123456789);
        sample.put("resource_metadata", Map.of("flavor", Map.of("name", "m1.tiny")));
        sample.put("monotonic_time", null);
        JsonOut inner = Notification.inner(List.of(sample), "1aac7ba1-5ebc-4cf7-ae86-0cb9feb8e2cb",
                "2026-11-28 18:26:38.186179", "39167ab542514c159cabe6ef33085829");
        assertEquals("{\"message_id\": \"1aac7ba1-5ebc-4cf7-ae86-0cb9feb8e2cb\", \"publisher_id\": \"ceilometer.polling\", "
                + "\"event_type\": \"telemetry.polling\", \"priority\": \"SAMPLE\", \"payload\": {\"samples\": [{\"source\": "
                + "\"openstack\", \"counter_volume\": 123456789, \"resource_metadata\": {\"flavor\": {\"name\": \"m1.tiny\"}}, "
                + "\"monotonic_time\": null}]}, \"timestamp\": \"2026-11-28 18:26:38.186179\", \"_unique_id\": "
                + "\"39167ab542514c159cabe6ef33085829\"}", inner.toString());
        String body = new String(Notification.envelope(inner), StandardCharsets.US_ASCII);
        assertTrue(body.startsWith("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"message_id\\\": \\\"1aac7ba1-"), body);
        assertTrue(body.endsWith("\\\"_unique_id\\\": \\\"39167ab542514c159cabe6ef33085829\\\"}\"}"), body);
    }

    @Test
    void idsHaveOslosShapes() {
        assertTrue(Notification.messageId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertTrue(Notification.uniqueId().matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}"));
        assertEquals("notifications.sample", Notification.routingKey("notifications"));
    }
}
