package org.alidade.agent.core.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ceilometer's message signature ({@code compute_signature}, reference §2.3): the lowercase hex
 * HMAC-SHA256, keyed with the UTF-8 secret, of every (flattened name, Python text) pair of the
 * message.
 *
 * <ul>
 *   <li>Each map level is walked in key order by Unicode code point. A nested map is flattened
 *       with {@code parent:child} names, in place (so {@code a:x} comes before {@code a-b});
 *       an empty map contributes nothing.</li>
 *   <li>A top-level {@code message_signature} is skipped.</li>
 *   <li>Every pair feeds {@code UTF-8(name)} then {@code UTF-8(}{@link PythonText#str}{@code (value))}.</li>
 *   <li>An empty or {@code null} secret signs everything with {@code ""}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Each thread reuses one initialised {@link Mac}, and the pairs are
 * streamed into it through a small buffer rather than joined into one string.
 */
public final class Signer {

    /** The message key that holds the signature; it is added last and never signed. */
    public static final String SIGNATURE_KEY = "message_signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] NO_PREFIX = new byte[0];
    private static final byte SEPARATOR = ':';

    /** {@code null} when signing is off (empty secret). */
    private final ThreadLocal<Mac> mac;

    /**
     * @param secret {@code [publisher] telemetry_secret}; empty or {@code null} turns signing off
     */
    public Signer(String secret) {
        if (secret == null || secret.isEmpty()) {
            mac = null;
            return;
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        newMac(key); // fail here, not on the first polling thread, if HMAC-SHA256 is unavailable
        // Mac.init is far dearer than an HMAC of one message: keep one per thread. The values
        // are JDK objects only, so a bundle refresh leaves no class loader pinned by a thread.
        mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create " + ALGORITHM, e);
        }
    }

    /**
     * The signature of a message: 64 lowercase hex digits, or {@code ""} without a secret.
     *
     * @param message the message dict; nested maps must have string keys, and values must be
     *                types {@link PythonText#str} accepts
     * @throws IllegalArgumentException on a non-string key or a value without Python text
     */
    public String signature(Map<String, Object> message) {
        if (mac == null) {
            return "";
        }
        Mac m = mac.get();
        m.reset(); // a previous call that threw midway may have left input behind
        Hmac h = new Hmac(m);
        feed(h, message, NO_PREFIX, true);
        return HexFormat.of().formatHex(h.doFinal());
    }

    /**
     * The message with {@link #SIGNATURE_KEY} set to its {@linkplain #signature signature}, as the
     * last key (replacing any signature already there). Unmodifiable; the input is not changed.
     */
    public Map<String, Object> sign(Map<String, Object> message) {
        String signature = signature(message);
        Map<String, Object> signed = new LinkedHashMap<>(Math.max(16, (int) ((message.size() + 1) / 0.75f) + 1));
        for (Map.Entry<String, Object> e : message.entrySet()) {
            if (!SIGNATURE_KEY.equals(e.getKey())) {
                signed.put(e.getKey(), e.getValue());
            }
        }
        signed.put(SIGNATURE_KEY, signature);
        return Collections.unmodifiableMap(signed);
    }

    /**
     * Ceilometer's {@code verify_signature}: whether the message carries the signature this
     * secret gives it (compared in constant time). An empty secret accepts every message, as
     * upstream.
     */
    public boolean verify(Map<String, Object> message) {
        Object given = message.get(SIGNATURE_KEY);
        if (!(given instanceof String g)) {
            return false;
        }
        return java.security.MessageDigest.isEqual(signature(message).getBytes(StandardCharsets.US_ASCII),
                g.getBytes(StandardCharsets.US_ASCII)) || signature(message).isEmpty();
    }

    /** Ceilometer's {@code recursive_keypairs}, feeding each pair to the HMAC as it is found. */
    private static void feed(Hmac h, Map<?, ?> map, byte[] prefix, boolean topLevel) {
        for (Map.Entry<String, Object> e : PythonText.sortedEntries(map)) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> nested) {
                if (!nested.isEmpty()) {
                    feed(h, nested, childPrefix(prefix, key.getBytes(StandardCharsets.UTF_8)), false);
                }
                continue;
            }
            // compute_signature compares the flattened name, so only a top-level leaf can match
            if (topLevel && key.equals(SIGNATURE_KEY)) {
                continue;
            }
            h.update(prefix);
            h.update(key);
            h.update(PythonText.str(value));
        }
    }

    private static byte[] childPrefix(byte[] prefix, byte[] name) {
        byte[] child = new byte[prefix.length + name.length + 1];
        System.arraycopy(prefix, 0, child, 0, prefix.length);
        System.arraycopy(name, 0, child, prefix.length, name.length);
        child[child.length - 1] = SEPARATOR;
        return child;
    }

    /**
     * One signature's input, buffered. A message is some forty short pieces, and one
     * {@code Mac.update} per piece costs several times the hashing itself, so pieces are
     * UTF-8-encoded into a small buffer that is handed over in a few large updates.
     */
    private static final class Hmac {
        private static final int CAPACITY = 512;

        private final Mac mac;
        private final byte[] buffer = new byte[CAPACITY];
        private int length;

        Hmac(Mac mac) {
            this.mac = mac;
        }

        void update(byte[] bytes) {
            if (bytes.length > CAPACITY - length) {
                flush();
                if (bytes.length > CAPACITY) {
                    mac.update(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        void update(String text) {
            int n = text.length();
            if (n > CAPACITY - length) {
                flush();
            }
            if (n > CAPACITY) {
                mac.update(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    // non-ASCII: let the JDK encoder handle multi-byte and surrogate pairs
                    update(text.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                buffer[length++] = (byte) c;
            }
        }

        byte[] doFinal() {
            flush();
            return mac.doFinal();
        }

        private void flush() {
            if (length > 0) {
                mac.update(buffer, 0, length);
                length = 0;
            }
        }
    }
}
