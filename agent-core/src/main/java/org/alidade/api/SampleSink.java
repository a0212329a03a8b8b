package org.alidade.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every signed batch the engine produces (the RabbitMQ publisher, the JSON-lines file
 * sink, …). Several sinks may be registered at once; each gets every batch.
 *
 * <p>The engine calls a sink from a thread of that sink's own (never from a polling thread),
 * one batch at a time and in order, so a slow sink delays only itself. A sink that must not
 * lose data spools what it cannot deliver now; a sink that throws has the batch counted as
 * failed and logged.
 */
@ConsumerType
public interface SampleSink {

    /** Service property: a short name for status listings ({@code String}); defaults to the class name. */
    String NAME = "sink.name";

    void publish(SampleBatch batch) throws Exception;

    /**
     * The sink's own state for status listings (e.g. {@code connected}, {@code backlog},
     * {@code confirmed}, {@code last_error}); values are strings, numbers or booleans. Called from
     * any thread; must be cheap. No secrets.
     */
    default Map<String, Object> health() {
        return Map.of();
    }

    /**
     * Called when the engine stops, after the last batch, so a sink can flush what it holds.
     */
    default void flush() throws Exception {
    }
}
