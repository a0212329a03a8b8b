package org.alidade.publisher.amqp.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer that keeps consuming a queue across broker outages (reconnecting) and counts how
 * often each sample ({@code message_id}) arrived. A message the broker redelivers to this
 * consumer (its ack was lost in the outage) is a consumer-side repeat, not a duplicate sent by
 * the publisher, and is not counted twice.
 */
final class Collector implements AutoCloseable {

    final Map<String, AtomicInteger> samples = new ConcurrentHashMap<>();
    private final Map<String, Boolean> notifications = new ConcurrentHashMap<>();
    private final String uri;
    private final String queue;
    private final Thread thread;
    private volatile boolean stopping;

    Collector(String url, String queue) {
        this.uri = url.replace("rabbit://", "amqp://");
        this.queue = queue;
        this.thread = new Thread(this::run, "it-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopping) {
            ConnectionFactory cf = new ConnectionFactory();
            try {
                cf.setUri(uri);
                cf.setAutomaticRecoveryEnabled(false);
                try (Connection c = cf.newConnection("it-collector")) {
                    Channel ch = c.createChannel();
                    ch.basicQos(500);
                    DeliverCallback onMessage = (tag, d) -> {
                        Received r = Received.of(d.getEnvelope().getExchange(), d.getEnvelope().getRoutingKey(),
                                d.getEnvelope().isRedeliver(), d.getProperties(), d.getBody());
                        String unique = (String) r.message().get("_unique_id");
                        boolean seen = notifications.putIfAbsent(unique, true) != null;
                        if (!(seen && r.redelivered())) {
                            for (Map<String, Object> s : r.samples()) {
                                samples.computeIfAbsent((String) s.get("message_id"), k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        }
                        ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                    };
                    ch.basicConsume(queue, false, onMessage, tag -> { });
                    while (!stopping && c.isOpen()) {
                        Thread.sleep(50);
                    }
                }
            } catch (Exception e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5_000);
    }
}
