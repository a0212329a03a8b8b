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
        return new FixedKeyMap(SHAPE, values(s, timestamp, messageId, SHAPE.size()));
    }

    /**
     * The signed message for one sample: what {@code signer.sign(of(s, timestamp, messageId))}
     * gives, made without copying the message to add its signature.
     */
    public static Map<String, Object> signed(Sample s, String timestamp, String messageId, Signer signer) {
        Object[] values = values(s, timestamp, messageId, SIGNED_SHAPE.size());
        return withSignature(values, signer.signature(new FixedKeyMap(SHAPE, values)));
    }

    /** The signed message of {@code values}: the {@link #KEYS}' values, with room for the signature. */
    static FixedKeyMap withSignature(Object[] values, String signature) {
        values[SIGNED_SHAPE.size() - 1] = signature;
        return new FixedKeyMap(SIGNED_SHAPE, values);
    }

    private static Object[] values(Sample s, String timestamp, String messageId, int length) {
        String id = messageId != null ? messageId : s.id() != null ? s.id() : TimeUuid.next();
        Object[] values = new Object[length];
        values[0] = s.source();
        values[1] = s.name();
        values[2] = s.type().wireName();
        values[3] = s.unit();
        values[4] = s.volume();
        values[5] = s.userId();
        values[6] = s.userName();
        values[7] = s.projectId();
        values[8] = s.projectName();
        values[9] = s.resourceId();
        values[10] = timestamp != null ? timestamp : s.timestamp();
        values[11] = s.resourceMetadata();
        values[12] = id;
        values[13] = s.monotonicTime();
        return values;
    }
}
