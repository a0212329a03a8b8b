package org.alidade.agent.core.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.alidade.api.Metadata;

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
        if (message instanceof FixedKeyMap f && f.shape() == MeterMessage.SHAPE) {
            Object[] values = f.values(MeterMessage.SIGNED_SHAPE.size());
            values[values.length - 1] = signature;
            return new FixedKeyMap(MeterMessage.SIGNED_SHAPE, values);
        }
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
    private static void feed(Bytes h, Map<?, ?> map, byte[] prefix, boolean topLevel) {
        // inside a frozen map's own pairs (a Collector), nested maps are fed as they are: the
        // outer map keeps their bytes, keeping them again with the nested maps would waste memory
        if (!topLevel && h instanceof Hmac && Metadata.isFrozen(map)) {
            feedFrozen(h, map, prefix);
            return;
        }
        if (map instanceof FixedKeyMap f) {
            for (int i : f.sortedOrder()) {
                feedEntry(h, prefix, f.key(i), f.value(i), topLevel);
            }
            return;
        }
        for (Map.Entry<String, Object> e : PythonText.sortedEntries(map)) {
            feedEntry(h, prefix, e.getKey(), e.getValue(), topLevel);
        }
    }

    private static void feedEntry(Bytes h, byte[] prefix, String key, Object value, boolean topLevel) {
        if (value instanceof String s && !(topLevel && key.equals(SIGNATURE_KEY))) {
            // the common case first: an interface test (Map) on every string costs more than this
            h.update(prefix);
            h.update(key);
            h.update(s);
            return;
        }
        if (value instanceof Map<?, ?> nested) {
            if (!nested.isEmpty()) {
                feed(h, nested, childPrefix(prefix, key.getBytes(StandardCharsets.UTF_8)), false);
            }
            return;
        }
        // compute_signature compares the flattened name, so only a top-level leaf can match
        if (topLevel && key.equals(SIGNATURE_KEY)) {
            return;
        }
        h.update(prefix);
        h.update(key);
        h.update(PythonText.str(value));
    }

    /**
     * The pairs of a frozen (metadata) map, kept with the map: its own, or those of the map it was
     * made from with the changed entries fed in their sorted places.
     */
    private static void feedFrozen(Bytes h, Map<?, ?> map, byte[] prefix) {
        Map<String, Object> base = Metadata.base(map);
        if (base == null) {
            h.update(pairs(map, prefix).bytes);
            return;
        }
        Pairs p = pairs(base, prefix);
        @SuppressWarnings("unchecked")
        Merge merge = Metadata.derived((Map<String, Object>) map, MERGE_KEY, m -> merge(base, Metadata.changes(m)));
        int run = 0;
        for (int k = 0; k < merge.keys.length; k++) {
            int at = merge.at[k];
            h.update(p.bytes, run, p.starts[at] - run);
            feedEntry(h, prefix, merge.keys[k], merge.values[k], false);
            run = p.starts[merge.replaces[k] ? at + 1 : at];
        }
        h.update(p.bytes, run, p.bytes.length - run);
    }

    /**
     * Where the changes of a map made by {@code Metadata.with} go among its base's sorted keys:
     * change {@code k} (in sorted order) comes before base key {@code at[k]}, which it replaces
     * when {@code replaces[k]}. Kept with the map.
     */
    private record Merge(String[] keys, Object[] values, int[] at, boolean[] replaces) {
    }

    private static final Object MERGE_KEY = new Object() {
        @Override
        public String toString() {
            return "Signer.merge";
        }
    };

    private static Merge merge(Map<String, Object> base, Map<String, Object> changes) {
        Map.Entry<String, Object>[] baseSorted = PythonText.sortedEntries(base);
        Map.Entry<String, Object>[] sorted = PythonText.sortedEntries(changes);
        String[] keys = new String[sorted.length];
        Object[] values = new Object[sorted.length];
        int[] at = new int[sorted.length];
        boolean[] replaces = new boolean[sorted.length];
        int i = 0;
        for (int k = 0; k < sorted.length; k++) {
            keys[k] = sorted[k].getKey();
            values[k] = sorted[k].getValue();
            while (i < baseSorted.length && PythonText.compareCodePoints(baseSorted[i].getKey(), keys[k]) < 0) {
                i++;
            }
            at[k] = i;
            replaces[k] = i < baseSorted.length && baseSorted[i].getKey().equals(keys[k]);
        }
        return new Merge(keys, values, at, replaces);
    }

    /** A frozen map's pairs under one prefix, and where each key's pairs start (keys sorted). */
    private record Pairs(byte[] bytes, int[] starts) {
    }

    private record PairsKey(String prefix) {
    }

    @SuppressWarnings("unchecked")
    private static Pairs pairs(Map<?, ?> map, byte[] prefix) {
        return Metadata.derived((Map<String, ?>) map, new PairsKey(new String(prefix, StandardCharsets.UTF_8)), m -> {
            Map.Entry<String, Object>[] entries = PythonText.sortedEntries(m);
            Collector c = new Collector();
            int[] starts = new int[entries.length + 1];
            for (int k = 0; k < entries.length; k++) {
                starts[k] = c.length;
                feedEntry(c, prefix, entries[k].getKey(), entries[k].getValue(), false);
            }
            starts[entries.length] = c.length;
            return new Pairs(c.toArray(), starts);
        });
    }

    private static byte[] childPrefix(byte[] prefix, byte[] name) {
        byte[] child = new byte[prefix.length + name.length + 1];
        System.arraycopy(prefix, 0, child, 0, prefix.length);
        System.arraycopy(name, 0, child, prefix.length, name.length);
        child[child.length - 1] = SEPARATOR;
        return child;
    }

    /** Where the pairs go: the HMAC, or the bytes kept with a frozen map. */
    private interface Bytes {
        void update(byte[] bytes, int offset, int length);

        default void update(byte[] bytes) {
            update(bytes, 0, bytes.length);
        }

        /** UTF-8 of {@code text}. */
        void update(String text);
    }

    /**
     * One signature's input, buffered. A message is some forty short pieces, and one
     * {@code Mac.update} per piece costs several times the hashing itself, so pieces are
     * UTF-8-encoded into a small buffer that is handed over in a few large updates.
     */
    private static final class Hmac implements Bytes {
        private static final int CAPACITY = 512;

        private final Mac mac;
        private final byte[] buffer = new byte[CAPACITY];
        private int length;

        Hmac(Mac mac) {
            this.mac = mac;
        }

        @Override
        public void update(byte[] bytes, int offset, int n) {
            if (n > CAPACITY - length) {
                flush();
                if (n > CAPACITY) {
                    mac.update(bytes, offset, n);
                    return;
                }
            }
            System.arraycopy(bytes, offset, buffer, length, n);
            length += n;
        }

        @Override
        public void update(String text) {
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

    /** Pairs collected into an array (kept with a frozen map). */
    private static final class Collector implements Bytes {
        private byte[] bytes = new byte[256];
        private int length;

        @Override
        public void update(byte[] b, int offset, int n) {
            ensure(n);
            System.arraycopy(b, offset, bytes, length, n);
            length += n;
        }

        @Override
        public void update(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    update(text.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                bytes[length++] = (byte) c;
            }
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(bytes, length);
        }
    }
}
