package org.alidade.api;

import java.util.List;
import java.util.Map;

/**
 * Signed meter messages of one pollster call for one source, as the engine hands them to the
 * sinks: each message is the Ceilometer meter message (reference §2.2) with its
 * {@code message_signature}, keys in Ceilometer's order, values of their JSON types. A batch
 * never mixes pollsters or sources, and never holds more than the configured batch size.
 *
 * @param source   the polling source's name
 * @param pollster the pollster's name
 * @param messages immutable, never empty
 */
public record SampleBatch(String source, String pollster, List<Map<String, Object>> messages) {

    public SampleBatch {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a sample batch is never empty");
        }
    }

    public int size() {
        return messages.size();
    }
}
