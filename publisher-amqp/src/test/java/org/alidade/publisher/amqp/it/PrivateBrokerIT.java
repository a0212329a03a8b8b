package org.alidade.publisher.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.alidade.agent.core.sink.SinkFanout;
import org.alidade.api.SampleBatch;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.TlsSettings;
import org.alidade.publisher.amqp.link.Topology;
import org.alidade.publisher.amqp.spool.Spool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages, restarts, TLS and a flag clash, on a RabbitMQ node of this test's own (the shared
 * node is never stopped).
 */
class PrivateBrokerIT {

    /** Durable flags, so that what the broker confirmed survives its own restart (stop_app). */
    static final Topology DURABLE = new Topology("ceilometer", List.of("notifications"), true, false, Map.of());

    static PrivateNode broker;

    @TempDir
    Path spool;

    @BeforeAll
    static void startNode() throws Exception {
        broker = new PrivateNode(Files.createTempDirectory("alidade-amqp-it-node"));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deliversEverySampleThroughRepeatedOutagesWhilePollingKeepsItsSchedule() throws Exception {
        broker.addVhost("outage");
        String url = broker.url("outage");
        AmqpSink sink = Sinks.start(url, DURABLE, spool);
        SinkFanout fanout = new SinkFanout(10_000, 2_000); // agent-core's own hand-over to the sinks
        fanout.addSink(sink, "amqp");
        Set<String> produced = Collections.synchronizedSet(new HashSet<>());
        List<Long> cycleStarts = Collections.synchronizedList(new ArrayList<>());
        AtomicLong slowestHandOverNanos = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        long intervalMs = 200;
        try (Collector collector = new Collector(url, "notifications.sample")) {
            poller.scheduleAtFixedRate(() -> {
                cycleStarts.add(System.nanoTime());
                SampleBatch b = TestSamples.batch("outage", seq.getAndAdd(5), 5);
                b.messages().forEach(m -> produced.add((String) m.get("message_id")));
                long t = System.nanoTime();
                fanout.accept(b);
                slowestHandOverNanos.accumulateAndGet(System.nanoTime() - t, Math::max);
            }, 0, intervalMs, TimeUnit.MILLISECONDS);

            Thread.sleep(3_000);
            for (int outage = 1; outage <= 2; outage++) {
                broker.stopApp();
                long down = System.nanoTime();
                Eventually.await("the sink to see the outage", () -> !(Boolean) sink.status().get("connected"));
                Thread.sleep(21_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down));
                Map<String, Object> during = sink.status();
                assertTrue((Long) during.get("backlog") > 0, "spooling during the outage: " + during);
                assertTrue(during.get("last_error") != null, "the outage is reported: " + during);
                broker.startApp();
                System.out.printf("outage %d: %.1f s, status at its end %s%n", outage,
                        (System.nanoTime() - down) / 1e9, during);
                Thread.sleep(3_000);
            }
            poller.shutdown();
            assertTrue(poller.awaitTermination(5, TimeUnit.SECONDS));
            assertTrue(fanout.drain(10_000), "the fan-out handed everything to the sink");
            assertTrue(sink.awaitDrained(60_000), "all confirmed: " + sink.status());
            Eventually.await("every produced sample at the consumer", java.time.Duration.ofSeconds(60),
                    () -> collector.samples.keySet().containsAll(produced),
                    () -> (produced.size() - collector.samples.size()) + " of " + produced.size() + " missing");

            Set<String> unexpected = new HashSet<>(collector.samples.keySet());
            unexpected.removeAll(produced);
            assertEquals(Set.of(), unexpected, "nothing the poller did not produce");
            long duplicates = collector.samples.values().stream().filter(n -> n.get() == 2).count();
            long more = collector.samples.values().stream().filter(n -> n.get() > 2).count();
            assertEquals(0, more, "no sample arrived more than twice");
            Map<String, Object> end = sink.status();
            System.out.printf("outage test: %d samples produced in %d cycles, all arrived; %d arrived twice "
                    + "(resent after a lost confirm); sink %s; slowest hand-over %.1f ms%n", produced.size(),
                    cycleStarts.size(), duplicates, end, slowestHandOverNanos.get() / 1e6);
            assertEquals(0L, end.get("dropped"));

            // the polling schedule never waited for the broker: no gap between cycles well past the interval
            long worstGapMs = 0;
            for (int i = 1; i < cycleStarts.size(); i++) {
                worstGapMs = Math.max(worstGapMs, (cycleStarts.get(i) - cycleStarts.get(i - 1)) / 1_000_000);
            }
            assertTrue(worstGapMs < 10 * intervalMs, "cycles kept their schedule; worst gap " + worstGapMs + " ms");
        } finally {
            poller.shutdownNow();
            fanout.close(5_000);
            sink.close();
            broker.ctl("delete_vhost", "outage");
        }
    }

    @Test
    void aRestartSendsWhatTheDiskSpoolHolds() throws Exception {
        broker.addVhost("restart");
        String url = broker.url("restart");
        Set<String> produced = new HashSet<>();
        broker.stopApp();
        try {
            AmqpSink first = Sinks.start(url, DURABLE, spool);
            for (int i = 0; i < 20; i++) {
                SampleBatch b = TestSamples.batch("restart", i * 10L, 10);
                b.messages().forEach(m -> produced.add((String) m.get("message_id")));
                first.publish(b);
            }
            assertEquals(200L, first.status().get("backlog"));
            first.close(); // the agent stops while the broker is down
        } finally {
            broker.startApp();
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(20, files.filter(f -> f.toString().endsWith(".msg")).count(), "one spool file per notification");
        }
        AmqpSink second = Sinks.start(url, DURABLE, spool);
        try (Collector collector = new Collector(url, "notifications.sample")) {
            assertTrue(second.awaitDrained(30_000), "the spooled samples are confirmed: " + second.status());
            Eventually.await("every spooled sample at the consumer",
                    () -> collector.samples.keySet().equals(produced));
            try (Stream<Path> files = Files.list(spool)) {
                assertEquals(0, files.count(), "the spool folder is empty once all is confirmed");
            }
        } finally {
            second.close();
            broker.ctl("delete_vhost", "restart");
        }
    }

    @Test
    void anExchangeDeclaredWithOtherFlagsIsOneClearErrorAndSamplesStaySpooled() throws Exception {
        broker.addVhost("clash");
        String url = broker.url("clash");
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(url.replace("rabbit://", "amqp://"));
        try (Connection c = cf.newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare("ceilometer", "topic", true); // durable; the sink's default is transient
        }
        AmqpSink sink = Sinks.start(url, Topology.defaults(), spool);
        try {
            sink.publish(TestSamples.batch("clash", 0, 4));
            Eventually.await("the flag clash reported", () -> sink.status().get("last_error") != null);
            String error = (String) sink.status().get("last_error");
            assertTrue(error.contains("already exist with other flags") && error.contains("PRECONDITION_FAILED"),
                    error);
            sink.publish(TestSamples.batch("clash", 4, 4));
            assertEquals(8L, sink.status().get("backlog"), "still spooling");
            assertEquals(false, sink.status().get("connected"));
        } finally {
            sink.close();
            broker.ctl("delete_vhost", "clash");
        }
    }

    @Test
    void publishesOverTlsWithTheConfiguredCa() throws Exception {
        broker.addVhost("tls");
        String url = "amqps://guest:guest@localhost:" + PrivateNode.TLS_PORT + "/tls";
        TlsSettings tls = new TlsSettings(broker.caFile.toString(), "", "", true);
        AmqpSink sink = new AmqpSink(Sinks.link(url, tls), Topology.defaults(), new Spool(spool, 1 << 20, 1 << 20));
        try {
            sink.publish(TestSamples.batch("tls", 0, 3));
            assertTrue(sink.awaitDrained(20_000), "confirmed over TLS: " + sink.status());
            assertEquals(3L, sink.status().get("confirmed"));
        } finally {
            sink.close();
            broker.ctl("delete_vhost", "tls");
        }
    }

    @Test
    void aTlsMismatchIsOneClearErrorEachWay() throws Exception {
        // TLS towards the plain port
        assertFailsWith("amqps://guest:guest@localhost:" + PrivateNode.PORT + "/",
                new TlsSettings(broker.caFile.toString(), "", "", true), "TLS handshake failed");
        // plain AMQP towards the TLS port
        assertFailsWith("rabbit://guest:guest@localhost:" + PrivateNode.TLS_PORT + "/", null, "if that is a TLS port");
        // a broker certificate the JVM's CAs do not vouch for
        assertFailsWith("amqps://guest:guest@localhost:" + PrivateNode.TLS_PORT + "/",
                new TlsSettings("", "", "", true), "TLS handshake failed");
    }

    private void assertFailsWith(String url, TlsSettings tls, String expected) throws Exception {
        AmqpSink sink = new AmqpSink(Sinks.link(url, tls), Topology.defaults(), new Spool(null, 1 << 20, 0));
        try {
            sink.publish(TestSamples.batch("tls", 0, 2));
            Eventually.await("an error for " + url, () -> sink.status().get("last_error") != null);
            String error = (String) sink.status().get("last_error");
            System.out.println("TLS mismatch (" + url + "): " + error);
            assertTrue(error.contains(expected), error);
            assertTrue(!error.contains("guest:guest"), "no password in " + error);
            assertEquals(2L, sink.status().get("backlog"), "still spooling");
        } finally {
            sink.close();
        }
    }
}
