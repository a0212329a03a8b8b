package org.alidade.agent.core.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
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
 * <p>Immutable and thread-safe. Each thread reuses one initialised {@link Mac} and its buffers,
 * and the pairs are streamed into it through a small buffer rather than joined into one string:
 * signing a meter message allocates little more than its signature (and, once per string that
 * comes twice in a row in a slot of the message, the string's UTF-8).
 */
public final class Signer {

    /** The message key that holds the signature; it is added last and never signed. */
    public static final String SIGNATURE_KEY = "message_signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Prefix NO_PREFIX = new Prefix(new byte[0]);
    private static final byte SEPARATOR = ':';
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * Per thread: the {@link Mac} and {@link Hmac}'s buffers, held as JDK objects only so that a
     * bundle refresh leaves no class loader pinned by a thread. {@code null} when signing is off.
     */
    private final ThreadLocal<Object[]> state;

    /**
     * @param secret {@code [publisher] telemetry_secret}; empty or {@code null} turns signing off
     */
    public Signer(String secret) {
        if (secret == null || secret.isEmpty()) {
            state = null;
            return;
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        newMac(key); // fail here, not on the first polling thread, if HMAC-SHA256 is unavailable
        // Mac.init is far dearer than an HMAC of one message: keep one per thread
        state = ThreadLocal.withInitial(() -> Hmac.newState(newMac(key)));
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
        if (state == null) {
            return "";
        }
        Hmac h = new Hmac(state.get()); // resets: a previous call that threw may have left input
        feed(h, message, NO_PREFIX, true);
        return h.hex();
    }

    /**
     * The message with {@link #SIGNATURE_KEY} set to its {@linkplain #signature signature}, as the
     * last key (replacing any signature already there). Unmodifiable; the input is not changed.
     */
    public Map<String, Object> sign(Map<String, Object> message) {
        String signature = signature(message);
        if (message instanceof FixedKeyMap f && f.shape() == MeterMessage.SHAPE) {
            return MeterMessage.withSignature(f.values(MeterMessage.SIGNED_SHAPE.size()), signature);
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
    private static void feed(Bytes h, Map<?, ?> map, Prefix prefix, boolean topLevel) {
        // inside a frozen map's own pairs (a Collector), nested maps are fed as they are: the
        // outer map keeps their bytes, keeping them again with the nested maps would waste memory
        if (!topLevel && h instanceof Hmac && Metadata.isFrozen(map)) {
            feedFrozen(h, map, prefix);
            return;
        }
        if (map instanceof FixedKeyMap f) {
            if (topLevel && h instanceof Hmac hmac) {
                feedMessage(hmac, f);
                return;
            }
            for (int i : f.sortedOrder()) {
                feedEntry(h, prefix, f.key(i), f.keyBytes(i), f.value(i), topLevel);
            }
            return;
        }
        for (Map.Entry<String, Object> e : PythonText.sortedEntries(map)) {
            feedEntry(h, prefix, e.getKey(), e.getValue(), topLevel);
        }
    }

    /**
     * A meter message's own pairs: its keys' bytes are the shape's, and a string value the same
     * object as in the previous message's slot on this thread (source, counter name, type and unit,
     * the timestamp of a pollster call) is fed from the bytes kept for it.
     */
    private static void feedMessage(Hmac h, FixedKeyMap f) {
        int signature = f.signatureIndex();
        for (int i : f.sortedOrder()) {
            Object value = f.value(i);
            if (i == signature) {
                continue;
            }
            if (value instanceof String s) {
                h.update(f.keyBytes(i));
                h.updateSlot(i, s);
            } else {
                feedEntry(h, NO_PREFIX, f.key(i), f.keyBytes(i), value, true);
            }
        }
    }

    private static void feedEntry(Bytes h, Prefix prefix, String key, Object value, boolean topLevel) {
        feedEntry(h, prefix, key, null, value, topLevel);
    }

    /** {@code keyBytes}: the key's UTF-8 when known (a message's own keys), else {@code null}. */
    private static void feedEntry(Bytes h, Prefix prefix, String key, byte[] keyBytes, Object value,
            boolean topLevel) {
        if (value instanceof String s && !(topLevel && key.equals(SIGNATURE_KEY))) {
            // the common case first: an interface test (Map) on every string costs more than this
            h.update(prefix.bytes);
            updateKey(h, key, keyBytes);
            h.update(s);
            return;
        }
        if (value instanceof Map<?, ?> nested) {
            if (!nested.isEmpty()) {
                feed(h, nested, prefix == NO_PREFIX ? Prefix.top(key) : prefix.nested(key), false);
            }
            return;
        }
        // compute_signature compares the flattened name, so only a top-level leaf can match
        if (topLevel && key.equals(SIGNATURE_KEY)) {
            return;
        }
        h.update(prefix.bytes);
        updateKey(h, key, keyBytes);
        h.updateStr(value);
    }

    private static void updateKey(Bytes h, String key, byte[] keyBytes) {
        if (keyBytes != null) {
            h.update(keyBytes);
        } else {
            h.update(key);
        }
    }

    /**
     * The pairs of a frozen (metadata) map, kept with the map: its own, or those of the map it was
     * made from with the changed entries fed in their sorted places.
     */
    private static void feedFrozen(Bytes h, Map<?, ?> map, Prefix prefix) {
        Map<String, Object> base = Metadata.base(map);
        if (base == null) {
            h.update(pairs(map, prefix).bytes);
            return;
        }
        Pairs p = pairs(base, prefix);
        @SuppressWarnings("unchecked")
        Merge merge = Metadata.derived((Map<String, Object>) map, MERGE_KEY,
                m -> merge(Metadata.base(m), Metadata.changes(m))); // captures nothing: no allocation
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

    @SuppressWarnings("unchecked")
    private static Pairs pairs(Map<?, ?> map, Prefix prefix) {
        return Metadata.derived((Map<String, Object>) map, prefix, prefix); // keyed by the prefix's bytes
    }

    /**
     * The flattened name of a nested map, {@code parent:child:}, as UTF-8. It is also the key (by
     * its bytes) and the maker of the pairs kept with a frozen map under it, so that looking them
     * up allocates nothing. The prefixes of top-level keys are made once.
     */
    private static final class Prefix implements java.util.function.Function<Map<String, Object>, Pairs> {
        private static final Map<String, Prefix> TOP = new java.util.concurrent.ConcurrentHashMap<>();
        private static final int TOP_MAX = 1024;

        final byte[] bytes;
        private final int hash;

        Prefix(byte[] bytes) {
            this.bytes = bytes;
            this.hash = java.util.Arrays.hashCode(bytes);
        }

        static Prefix top(String key) {
            Prefix p = TOP.get(key);
            if (p == null) {
                p = NO_PREFIX.child(key);
                if (TOP.size() < TOP_MAX) { // messages have a dozen top-level keys; never grow unbounded
                    TOP.putIfAbsent(key, p);
                }
            }
            return p;
        }

        /** The prefixes of this one's nested maps met so far, by key (a handful: metadata has few levels). */
        private volatile Object[] children = new Object[0];
        private static final int CHILDREN_MAX = 64;

        /** The prefix of the map under {@code key}: kept with this one, so that it is made once. */
        Prefix nested(String key) {
            Object[] known = children;
            for (int i = 0; i < known.length; i += 2) {
                if (known[i].equals(key)) {
                    return (Prefix) known[i + 1];
                }
            }
            Prefix p = child(key);
            if (known.length < 2 * CHILDREN_MAX) { // never grow unbounded
                Object[] grown = java.util.Arrays.copyOf(known, known.length + 2);
                grown[known.length] = key;
                grown[known.length + 1] = p;
                children = grown; // a lost race only makes the prefix again
            }
            return p;
        }

        Prefix child(String key) {
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            byte[] child = new byte[bytes.length + utf8.length + 1];
            System.arraycopy(bytes, 0, child, 0, bytes.length);
            System.arraycopy(utf8, 0, child, bytes.length, utf8.length);
            child[child.length - 1] = SEPARATOR;
            return new Prefix(child);
        }

        @Override
        public Pairs apply(Map<String, Object> m) {
            Map.Entry<String, Object>[] entries = PythonText.sortedEntries(m);
            Collector c = new Collector();
            int[] starts = new int[entries.length + 1];
            for (int k = 0; k < entries.length; k++) {
                starts[k] = c.length;
                feedEntry(c, this, entries[k].getKey(), entries[k].getValue(), false);
            }
            starts[entries.length] = c.length;
            return new Pairs(c.toArray(), starts);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Prefix p && p.hash == hash && java.util.Arrays.equals(p.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Where the pairs go: the HMAC, or the bytes kept with a frozen map. */
    private interface Bytes {
        void update(byte[] bytes, int offset, int length);

        default void update(byte[] bytes) {
            update(bytes, 0, bytes.length);
        }

        /** UTF-8 of {@code text}. */
        void update(String text);

        /** UTF-8 of Python's {@code str(value)}. */
        default void updateStr(Object value) {
            update(PythonText.str(value));
        }
    }

    /**
     * One signature's input, buffered. A message is some forty short pieces, and one
     * {@code Mac.update} per piece costs several times the hashing itself, so pieces are
     * UTF-8-encoded into a small buffer that is handed over in a few large updates. The buffers
     * are the thread's ({@link #newState}); making one resets them.
     */
    private static final class Hmac implements Bytes {
        private static final int CAPACITY = 512;

        private final Mac mac;
        private final byte[] buffer;
        private final StringBuilder scratch;
        private final byte[] digest;
        private int length;

        /** Per slot of a meter message: the string last fed from it, and its UTF-8. */
        private final String[] slotText;
        private final byte[][] slotBytes;
        /** The signature's hex digits before they become its string. */
        private final byte[] hex;

        static Object[] newState(Mac mac) {
            return new Object[] {mac, new byte[CAPACITY], new StringBuilder(32), new byte[mac.getMacLength()],
                    new String[SLOTS], new byte[SLOTS][], new byte[2 * mac.getMacLength()]};
        }

        private static final int SLOTS = 32;

        Hmac(Object[] state) {
            this.mac = (Mac) state[0];
            this.buffer = (byte[]) state[1];
            this.scratch = (StringBuilder) state[2];
            this.digest = (byte[]) state[3];
            this.slotText = (String[]) state[4];
            this.slotBytes = (byte[][]) state[5];
            this.hex = (byte[]) state[6];
            mac.reset();
        }

        /**
         * UTF-8 of {@code text}, the value of slot {@code slot} of a meter message. A string the slot
         * held in the previous message too (source, meter, unit, type, the timestamp of a pollster
         * call) is fed from bytes kept for it, a copy instead of a loop over its chars; a string
         * met once (message id, resource id) is encoded as it goes, allocating nothing.
         */
        void updateSlot(int slot, String text) {
            if (slot >= SLOTS) {
                update(text);
                return;
            }
            if (slotText[slot] != text) {
                slotText[slot] = text;
                slotBytes[slot] = null;
                update(text);
                return;
            }
            byte[] bytes = slotBytes[slot];
            if (bytes == null) {
                slotBytes[slot] = bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            update(bytes, 0, bytes.length);
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
            byte[] b = buffer; // locals: the loop writes no field, a third quicker
            int at = length;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    // non-ASCII: let the JDK encoder handle multi-byte and surrogate pairs
                    length = at + i;
                    update(text.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                b[at + i] = (byte) c;
            }
            length = at + n;
        }

        /** A number's (or None's, a bool's) text is made in a scratch buffer, not a new string. */
        @Override
        public void updateStr(Object value) {
            scratch.setLength(0);
            PythonText.appendStr(scratch, value);
            int n = scratch.length();
            if (n > CAPACITY || !ascii(scratch)) {
                update(scratch.toString()); // a list's or a map's repr: long, or not ASCII
                return;
            }
            if (n > CAPACITY - length) {
                flush();
            }
            for (int i = 0; i < n; i++) {
                buffer[length++] = (byte) scratch.charAt(i);
            }
        }

        private static boolean ascii(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** The digest as lowercase hex. */
        String hex() {
            flush();
            try {
                mac.doFinal(digest, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e); // the buffer has the MAC's own length
            }
            byte[] hex = this.hex;
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[digest[i] >> 4 & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(hex, 0, 2 * digest.length, StandardCharsets.ISO_8859_1);
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
