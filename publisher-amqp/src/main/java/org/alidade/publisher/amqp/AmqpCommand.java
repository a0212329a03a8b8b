package org.alidade.publisher.amqp;

import java.util.Map;

/**
 * Gogo command {@code alidade:amqp}: the publisher's status (connected, broker, backlog,
 * published, confirmed, resent, dropped, last error). Registered without importing Gogo, which
 * calls public methods by name.
 */
public final class AmqpCommand {

    private final AmqpSink sink;

    AmqpCommand(AmqpSink sink) {
        this.sink = sink;
    }

    /** The status as an ordered map, which Gogo prints one key per line. */
    public Map<String, Object> amqp() {
        return sink.status();
    }
}
