package org.alidade.publisher.amqp.wire;

import org.alidade.agent.core.message.JsonOut;
import org.alidade.agent.core.message.PythonJson;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One oslo.messaging v2 notification as the polling agent's notifier sends it (reference §3.4):
 * the outer envelope {@code {"oslo.version": "2.0", "oslo.message": "<inner JSON>"}} around
 * {@code message_id}, {@code publisher_id} {@code ceilometer.polling}, {@code event_type}
 * {@code telemetry.polling}, {@code priority} {@code SAMPLE}, {@code payload.samples},
 * {@code timestamp} (naive UTC, space separator) and {@code _unique_id}.
 *
 * <p>As in oslo, one notification has one {@code message_id} for all topics and a fresh
 * {@code _unique_id} per topic send. Both are fixed when the batch is accepted, so a resend
 * after a lost confirm carries the same ids and a consumer can recognise the duplicate.
 */
public final class Notification {

    public static final String PUBLISHER_ID = "ceilometer.polling";
    public static final String EVENT_TYPE = "telemetry.polling";
    public static final String PRIORITY = "SAMPLE";

    private Notification() {
    }

    /** The routing key for a topic: {@code <topic>.sample}. */
    public static String routingKey(String topic) {
        return topic + "." + PRIORITY.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The inner message (before the envelope) as JSON text.
     *
     * @param samples   signed meter messages, in order
     * @param messageId the notification's {@code message_id}
     * @param timestamp its {@code timestamp} ({@link #timestamp})
     * @param uniqueId  the {@code _unique_id} of this send
     */
    public static JsonOut inner(List<Map<String, Object>> samples, String messageId, String timestamp,
            String uniqueId) {
        JsonOut out = new JsonOut(256 + samples.size() * 1280);
        out.append("{\"message_id\": ");
        PythonJson.string(out, messageId);
        out.append(", \"publisher_id\": \"" + PUBLISHER_ID + "\", \"event_type\": \"" + EVENT_TYPE
                + "\", \"priority\": \"" + PRIORITY + "\", \"payload\": {\"samples\": [");
        for (int i = 0; i < samples.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            PythonJson.write(out, samples.get(i));
        }
        out.append("]}, \"timestamp\": ");
        PythonJson.string(out, timestamp);
        out.append(", \"_unique_id\": ");
        PythonJson.string(out, uniqueId);
        out.append('}');
        return out;
    }

    private static final byte[] ENVELOPE_HEAD = "{\"oslo.version\": \"2.0\", \"oslo.message\": \""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENVELOPE_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** The AMQP body: the envelope around the inner message, as ASCII bytes. */
    public static byte[] envelope(JsonOut inner) {
        // the inner text is pure ASCII (ensure_ascii), so only quotes and backslashes need escaping
        byte[] text = inner.array();
        int n = inner.length();
        int escapes = 0;
        for (int i = 0; i < n; i++) {
            if (text[i] == '"' || text[i] == '\\') {
                escapes++;
            }
        }
        byte[] out = new byte[ENVELOPE_HEAD.length + n + escapes + ENVELOPE_TAIL.length];
        System.arraycopy(ENVELOPE_HEAD, 0, out, 0, ENVELOPE_HEAD.length);
        int o = ENVELOPE_HEAD.length;
        for (int i = 0; i < n; i++) {
            byte c = text[i];
            if (c == '"' || c == '\\') {
                out[o++] = '\\';
            }
            out[o++] = c;
        }
        System.arraycopy(ENVELOPE_TAIL, 0, out, o, ENVELOPE_TAIL.length);
        return out;
    }

    /** Python's {@code str(datetime.utcnow())}: {@code YYYY-MM-DD HH:MM:SS[.ffffff]}. */
    public static String timestamp(java.time.Instant now) {
        LocalDateTime t = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        String s = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + String.format(java.util.Locale.ROOT, ".%06d", micros);
    }

    /** A UUID4 in the dashed form ({@code message_id}). */
    public static String messageId() {
        return UUID.randomUUID().toString();
    }

    /** A UUID4 as 32 hex digits ({@code _unique_id}). */
    public static String uniqueId() {
        UUID u = UUID.randomUUID();
        return String.format("%016x%016x", u.getMostSignificantBits(), u.getLeastSignificantBits());
    }
}
