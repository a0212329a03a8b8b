package org.alidade.it.felix;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.alidade.api.SampleBatch;
import org.alidade.api.SampleSink;

/**
 * A {@link SampleSink} registered by the test: the engine hands it every signed batch, as it
 * does the file and AMQP sinks. Keeps every message with the batch's source and pollster.
 */
public final class RecordingSink implements SampleSink {

    /** One signed meter message as received. */
    public record Received(String source, String pollster, Map<String, Object> message) {

        public String meter() {
            return (String) message.get("counter_name");
        }

        public String resourceId() {
            return (String) message.get("resource_id");
        }

        public Object volume() {
            return message.get("counter_volume");
        }

        public String signature() {
            return (String) message.get("message_signature");
        }

        /** The engine's timestamp of the pollster call (naive UTC, as Ceilometer writes it). */
        public LocalDateTime timestamp() {
            return LocalDateTime.parse((String) message.get("timestamp"));
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> metadata() {
            return (Map<String, Object>) message.get("resource_metadata");
        }

        @Override
        public String toString() {
            return source + "/" + meter() + "{" + resourceId() + " " + volume() + " @" + message.get("timestamp") + "}";
        }
    }

    private final List<Received> received = new ArrayList<>();

    @Override
    public synchronized void publish(SampleBatch batch) {
        for (Map<String, Object> message : batch.messages()) {
            received.add(new Received(batch.source(), batch.pollster(), message));
        }
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    public synchronized List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    public static Predicate<Received> of(String source, String meter) {
        return r -> r.source().equals(source) && meter.equals(r.meter());
    }
}
