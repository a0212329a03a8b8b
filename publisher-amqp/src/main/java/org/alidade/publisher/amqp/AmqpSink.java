package org.alidade.publisher.amqp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;
import org.alidade.publisher.amqp.link.LinkSettings;
import org.alidade.publisher.amqp.link.Publisher;
import org.alidade.publisher.amqp.link.Topology;
import org.alidade.publisher.amqp.spool.Spool;
import org.alidade.publisher.amqp.wire.Notification;

/**
 * The RabbitMQ {@link SampleSink}: each batch becomes one oslo.messaging v2 notification per
 * topic, is put in the {@link Spool} at once, and is sent by the {@link Publisher}'s thread with
 * publisher confirms. {@link #publish} never waits for the broker.
 */
public final class AmqpSink implements SampleSink, AutoCloseable {

    private final Topology topology;
    private final Spool spool;
    private final Publisher publisher;
    private final List<String> routingKeys;

    /** Starts the publisher; the spool is this sink's from now on and closed with it. */
    public AmqpSink(LinkSettings link, Topology topology, Spool spool) throws Exception {
        this.topology = topology;
        this.spool = spool;
        this.routingKeys = topology.topics().stream().map(Notification::routingKey).toList();
        this.publisher = new Publisher(link, topology, spool);
        publisher.start();
    }

    @Override
    public void publish(SampleBatch batch) {
        String messageId = Notification.messageId();
        String timestamp = Notification.timestamp(Instant.now());
        List<byte[]> bodies = new ArrayList<>(routingKeys.size());
        for (int i = 0; i < routingKeys.size(); i++) {
            bodies.add(Notification.envelope(
                    Notification.inner(batch.messages(), messageId, timestamp, Notification.uniqueId())));
        }
        spool.add(routingKeys, batch.size(), bodies);
    }

    /** Gives the broker a moment to take what is spooled; what it does not take stays spooled. */
    @Override
    public void flush() throws InterruptedException {
        publisher.awaitDrained(2_000);
    }

    /** Waits until everything spooled is confirmed; false when {@code millis} ran out first. */
    public boolean awaitDrained(long millis) throws InterruptedException {
        return publisher.awaitDrained(millis);
    }

    public Topology topology() {
        return topology;
    }

    /** Status for the shell and self-metrics: connection, backlog, counters (in samples), last error. */
    public Map<String, Object> status() {
        Publisher.Status p = publisher.status();
        Spool.Stats s = spool.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connected", p.connected());
        m.put("broker", p.broker());
        m.put("backlog", s.backlogSamples());
        m.put("backlog_on_disk", s.samplesOnDisk());
        m.put("spool_bytes_memory", s.bytesInMemory());
        m.put("spool_bytes_disk", s.bytesOnDisk());
        m.put("published", p.published());
        m.put("confirmed", p.confirmed());
        m.put("resent", p.resent());
        m.put("dropped", s.droppedSamples());
        m.put("nacked_notifications", p.nackedNotifications());
        m.put("in_flight_notifications", p.inFlightNotifications());
        m.put("connects", p.connects());
        m.put("last_error", p.lastError());
        m.put("last_error_at", p.lastErrorAt());
        return m;
    }

    /** The status, for the engine's sink listing ({@code alidade:status}). */
    @Override
    public Map<String, Object> health() {
        return status();
    }

    /** Stops sending; what is not confirmed is written to the spool folder for the next run. */
    @Override
    public void close() {
        publisher.close();
        spool.close();
    }
}
