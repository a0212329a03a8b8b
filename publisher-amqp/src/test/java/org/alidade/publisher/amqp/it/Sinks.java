package org.alidade.publisher.amqp.it;

import java.nio.file.Path;
import java.time.Duration;
import org.alidade.publisher.amqp.AmqpSink;
import org.alidade.publisher.amqp.link.LinkSettings;
import org.alidade.publisher.amqp.link.TlsSettings;
import org.alidade.publisher.amqp.link.Topology;
import org.alidade.publisher.amqp.link.TransportUrl;
import org.alidade.publisher.amqp.spool.Spool;

/** Sinks as the component builds them, with test-friendly (short) retry times. */
final class Sinks {

    private Sinks() {
    }

    static LinkSettings link(String url, TlsSettings tls) {
        return new LinkSettings(TransportUrl.parse(url), tls, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10), 256);
    }

    static AmqpSink start(String url, Topology topology, Path spoolDir) throws Exception {
        return new AmqpSink(link(url, null), topology, new Spool(spoolDir, 8 << 20, 256 << 20));
    }
}
