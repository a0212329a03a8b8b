package org.alidade.publisher.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong settings against the shared broker: one clear error each (no password in it), and the
 * sink keeps taking and spooling batches. (TLS mismatch and the flag clash: {@link PrivateBrokerIT}.)
 */
class BadInputIT {

    @TempDir
    Path spool;

    @Test
    void anUnreachableHost() throws Exception {
        expectError("rabbit://guest:s3cret-pw@127.0.0.1:1/", "broker 127.0.0.1:1 is unreachable");
    }

    @Test
    void aWrongPassword() throws Exception {
        try (SharedVhost vhost = new SharedVhost()) {
            expectError(vhost.url().replace("guest:guest", "guest:s3cret-pw"),
                    "user 'guest' was refused (wrong user or password?)");
        }
    }

    @Test
    void aWrongVhost() throws Exception {
        expectError("rabbit://guest:guest@127.0.0.1:" + SharedVhost.PORT + "/no-such-vhost-s3cret-pw",
                "virtual host 'no-such-vhost-s3cret-pw' does not exist or user 'guest' may not use it");
    }

    @Test
    void failsOverToTheNextHostOfTheUrl() throws Exception {
        try (SharedVhost vhost = new SharedVhost()) {
            String url = "rabbit://guest:guest@127.0.0.1:1,guest:guest@127.0.0.1:" + SharedVhost.PORT + "/" + vhost.name;
            AmqpSink sink = Sinks.start(url, Topology.defaults(), spool);
            try {
                sink.publish(TestSamples.batch("failover", 0, 3));
                assertTrue(sink.awaitDrained(20_000), "confirmed through the second host: " + sink.status());
                assertEquals("127.0.0.1:" + SharedVhost.PORT, sink.status().get("broker"));
            } finally {
                sink.close();
            }
        }
    }

    private void expectError(String url, String expected) throws Exception {
        AmqpSink sink = Sinks.start(url, Topology.defaults(), spool);
        try {
            long t = System.nanoTime();
            sink.publish(TestSamples.batch("bad", 0, 5));
            Eventually.await("the error reported", () -> sink.status().get("last_error") != null);
            String error = (String) sink.status().get("last_error");
            System.out.println("bad input (" + expected + "): " + error);
            assertTrue(error.contains(expected), error);
            assertFalse(error.contains("s3cret-pw") && !error.contains("vhost"), "no password in: " + error);
            sink.publish(TestSamples.batch("bad", 5, 5));
            assertTrue((System.nanoTime() - t) / 1_000_000 < 10_000, "publish never waits for the broker");
            Map<String, Object> s = sink.status();
            assertEquals(false, s.get("connected"));
            assertEquals(10L, s.get("backlog"), "both batches spooled: " + s);
            assertEquals(0L, s.get("dropped"));
        } finally {
            sink.close();
        }
    }
}
