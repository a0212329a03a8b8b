package org.alidade.publisher.amqp.link;

import java.util.List;
import java.util.Map;

/**
 * What the publisher declares before its first publish on each connection, with oslo's flags
 * (reference §3.2): the topic exchange, and per topic the queue {@code <topic>.sample} bound to
 * it with the same routing key, so nothing is lost before a consumer exists.
 *
 * @param exchange   {@code [DEFAULT] control_exchange}, {@code ceilometer}
 * @param topics     {@code [oslo_messaging_notifications] topics}
 * @param durable    {@code amqp_durable_queues} (or quorum queues)
 * @param autoDelete {@code amqp_auto_delete}
 * @param queueArgs  {@code x-queue-type: quorum}, {@code x-ha-policy: all}, or none
 */
public record Topology(String exchange, List<String> topics, boolean durable, boolean autoDelete,
        Map<String, Object> queueArgs) {

    public Topology {
        topics = List.copyOf(topics);
        queueArgs = Map.copyOf(queueArgs);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics is empty: name at least one (notifications)");
        }
    }

    /** oslo's defaults: exchange {@code ceilometer}, topic {@code notifications}, transient, no auto-delete. */
    public static Topology defaults() {
        return new Topology("ceilometer", List.of("notifications"), false, false, Map.of());
    }
}
