package org.alidade.agent.core.message;

import java.util.List;
import java.util.Map;
import org.alidade.api.Sample;

/**
 * Ceilometer's meter message dict ({@code meter_message_from_counter}, reference §2.2), in the
 * current upstream key set (19.1.0 and later, with {@code user_name} and {@code project_name}).
 *
 * <p>Keys come in upstream's order; keys whose value is {@code null} are present (they are
 * signed as {@code None}, so dropping them would change the signature). Values keep their JSON
 * type. The {@code message_signature} is added last by {@link Signer#sign}.
 */
public final class MeterMessage {

    /** The data keys in upstream order, without the signature. */
    public static final List<String> KEYS = List.of(
            "source", "counter_name", "counter_type", "counter_unit", "counter_volume",
            "user_id", "user_name", "project_id", "project_name", "resource_id",
            "timestamp", "resource_metadata", "message_id", "monotonic_time");

    static final FixedKeyMap.Shape SHAPE = new FixedKeyMap.Shape(KEYS.toArray(new String[0]));

    /** The shape of a signed message: {@link #KEYS}, then the signature. */
    static final FixedKeyMap.Shape SIGNED_SHAPE = new FixedKeyMap.Shape(
            java.util.stream.Stream.concat(KEYS.stream(), java.util.stream.Stream.of(Signer.SIGNATURE_KEY))
                    .toArray(String[]::new));

    private MeterMessage() {
    }

    /**
     * The unsigned message for one sample.
     *
     * @param s         the sample
     * @param timestamp the engine's timestamp for this pollster call; {@code null} keeps the
     *                  sample's own
     * @param messageId the message id; {@code null} uses the sample's id, or a fresh
     *                  {@link TimeUuid} when the sample has none (as upstream's {@code uuid1()})
     * @return an unmodifiable map with exactly the {@link #KEYS}, in that order
     */
    public static Map<String, Object> of(Sample s, String timestamp, String messageId) {
        String id = messageId != null ? messageId : s.id() != null ? s.id() : TimeUuid.next();
        return new FixedKeyMap(SHAPE, new Object[] {s.source(), s.name(), s.type().wireName(), s.unit(),
            s.volume(), s.userId(), s.userName(), s.projectId(), s.projectName(), s.resourceId(),
            timestamp != null ? timestamp : s.timestamp(), s.resourceMetadata(), id, s.monotonicTime()});
    }
}
