package org.alidade.agent.core.message;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.alidade.api.Metadata;

/**
 * JSON text as Python's {@code json.dumps} writes it with its defaults, which is what
 * oslo.messaging sends: separators {@code ", "} and {@code ": "}, every non-ASCII character
 * escaped as {@code \}{@code uxxxx} (lower-case hex, UTF-16 units), floats in {@code repr} form
 * ({@code 3.0}, {@code 1e+16}, {@code NaN}, {@code Infinity}). Map entries keep their order.
 *
 * <p>Accepts the JSON-typed values of {@code org.alidade.api.Sample}: {@code null},
 * {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link BigInteger},
 * {@link Double}, lists and string-keyed maps of those.
 */
public final class PythonJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    public static String write(Object value) {
        JsonOut out = new JsonOut(256);
        write(out, value);
        return out.toString();
    }

    public static void write(JsonOut out, Object value) {
        write(out, value, true);
    }

    /** {@code shared}: use and keep the texts of frozen maps (not inside a text being kept). */
    private static void write(JsonOut out, Object value, boolean shared) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Integer i) {
            out.append(i.longValue());
        } else if (value instanceof BigInteger || value instanceof Short || value instanceof Byte) {
            out.append(value.toString());
        } else if (value instanceof Double d) {
            appendFloat(out, d);
        } else if (value instanceof FixedKeyMap f) {
            message(out, f, shared);
        } else if (value instanceof Map<?, ?> m && shared && Metadata.isFrozen(m)) {
            frozen(out, m);
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, found " + e.getKey());
                }
                if (!first) {
                    out.append(", ");
                }
                first = false;
                string(out, k);
                out.append(": ");
                write(out, e.getValue(), shared);
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, l.get(i), shared);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON type: " + value.getClass().getName());
        }
    }

    /**
     * The strings last seen in each slot of a meter message, on this thread, with their JSON
     * literals: a batch's messages share most of theirs (source, counter_name, counter_type,
     * counter_unit, timestamp, the project's and user's ids), so the same string is not escaped
     * fifty times. Only JDK types are kept: no class loader stays pinned by a thread.
     */
    private static final ThreadLocal<Object[][]> SLOTS = ThreadLocal.withInitial(() -> new Object[3][0]);

    private static void message(JsonOut out, FixedKeyMap f, boolean shared) {
        Object[][] slots = SLOTS.get();
        int n = f.size();
        if (slots[0].length < n) {
            slots[0] = new Object[n]; // the string last seen
            slots[1] = new Object[n]; // its literal (ASCII bytes), once it came twice in a row
        }
        Object[] seen = slots[0];
        Object[] literal = slots[1];
        out.append('{');
        int signature = f.signatureIndex(); // the Signer's hex: nothing to escape
        for (int i = 0; i < n; i++) {
            out.append(f.jsonKey(i)); // with the separator before it
            Object v = f.value(i);
            if (i == signature) {
                out.append('"').append((String) v).append('"');
            } else if (v instanceof String str) {
                if (seen[i] == str && literal[i] != null) {
                    out.append((byte[]) literal[i]);
                } else if (seen[i] == str) {
                    int start = out.length();
                    string(out, str);
                    literal[i] = out.copyFrom(start);
                } else {
                    seen[i] = str;
                    literal[i] = null;
                    string(out, str);
                }
            } else {
                write(out, v, shared);
            }
        }
        out.append('}');
    }

    /**
     * A frozen map's JSON text (ASCII bytes) without its closing brace ({@code open}), and where
     * each entry starts in it.
     */
    private record Text(byte[] open, int[] starts) {
        /** End of entry {@code i}: before the separator that follows it, or the end. */
        int end(int i) {
            return i + 1 < starts.length ? starts[i + 1] - 2 : open.length;
        }
    }

    private static final Object TEXT_KEY = new Object() {
        @Override
        public String toString() {
            return "PythonJson.text";
        }
    };

    private static Text text(Map<String, Object> map) {
        return Metadata.derived(map, TEXT_KEY, m -> {
            JsonOut out = new JsonOut(64 + 32 * m.size());
            int[] starts = new int[m.size()];
            out.append('{');
            int i = 0;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (i > 0) {
                    out.append(", ");
                }
                starts[i++] = out.length();
                entry(out, e.getKey(), e.getValue(), false);
            }
            return new Text(out.copyFrom(0), starts);
        });
    }

    /**
     * A frozen (metadata) map: its text is made once and kept with it; a map made from another
     * by {@code Metadata.with} is written as runs of the other's text and its own changes
     * ({@link Plan}), each appended with one array copy.
     */
    private static void frozen(JsonOut out, Map<?, ?> map) {
        Map<String, Object> base = Metadata.base(map);
        if (base == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            out.append(text(m).open()).append('}');
            return;
        }
        @SuppressWarnings("unchecked")
        Plan plan = Metadata.derived((Map<String, Object>) map, PLAN_KEY,
                m -> plan(Metadata.base(m), Metadata.changes(m))); // captures nothing: no allocation
        byte[][] texts = plan.texts();
        int[] runs = plan.runs();
        for (int p = 0; p < texts.length; p++) {
            out.append(texts[p], runs[2 * p], runs[2 * p + 1]);
        }
    }

    private static final Object PLAN_KEY = new Object() {
        @Override
        public String toString() {
            return "PythonJson.plan";
        }
    };

    /**
     * The text of a map made by {@code Metadata.with}, in pieces: runs {@code [runs[2p],
     * runs[2p+1])} of {@code texts[p]}, which is its base's text (kept with the base, so that
     * the overlays of one instance share it: a disk's or the cpu's, which only add keys, use the
     * base's text whole) or the text of its changed and added entries. Kept with the map.
     */
    private record Plan(byte[][] texts, int[] runs) {
    }

    private static Plan plan(Map<String, Object> base, Map<String, Object> changes) {
        Text t = text(base);
        // entries, not keySet(): AbstractMap keeps a key set it made in the map, 16 bytes an overlay
        String[] keys = new String[changes.size()];
        int c = 0;
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            keys[c++] = e.getKey();
        }
        int[] replaces = new int[keys.length];
        java.util.Arrays.fill(replaces, -1);
        int i = 0;
        for (Map.Entry<String, Object> e : base.entrySet()) {
            for (int k = 0; k < keys.length; k++) {
                if (keys[k].equals(e.getKey())) {
                    replaces[k] = i;
                }
            }
            i++;
        }
        // the own text is written first; the pieces name runs of it or of the base's text
        JsonOut own = new JsonOut(64);
        java.util.List<int[]> pieces = new java.util.ArrayList<>(); // {0 = base / 1 = own, from, to}
        int run = 0; // start of the base text not placed yet (0: with the opening brace)
        int n = t.starts().length;
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < keys.length; k++) {
                if (replaces[k] == b) { // the base text up to entry b (with its separator), then the change
                    piece(pieces, 0, run, t.starts()[b]);
                    int from = own.length();
                    entry(own, keys[k], changes.get(keys[k]), true);
                    piece(pieces, 1, from, own.length());
                    run = t.end(b);
                }
            }
        }
        piece(pieces, 0, run, t.open().length);
        int from = own.length();
        boolean first = n == 0;
        for (int k = 0; k < keys.length; k++) {
            if (replaces[k] < 0) {
                if (!first) {
                    own.append(", ");
                }
                first = false;
                entry(own, keys[k], changes.get(keys[k]), true);
            }
        }
        own.append('}');
        piece(pieces, 1, from, own.length());
        byte[] ownText = own.copyFrom(0);
        byte[][] texts = new byte[pieces.size()][];
        int[] runs = new int[2 * pieces.size()];
        for (int p = 0; p < texts.length; p++) {
            int[] piece = pieces.get(p);
            texts[p] = piece[0] == 0 ? t.open() : ownText;
            runs[2 * p] = piece[1];
            runs[2 * p + 1] = piece[2];
        }
        return new Plan(texts, runs);
    }

    /** Adds the run {@code [from, to)} of the base's text (0) or the own text (1), joined to the last when it follows it. */
    private static void piece(java.util.List<int[]> pieces, int text, int from, int to) {
        if (from >= to) {
            return;
        }
        int[] last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
        if (last != null && last[0] == text && last[2] == from) {
            last[2] = to;
        } else {
            pieces.add(new int[] {text, from, to});
        }
    }

    private static void entry(JsonOut out, String key, Object value, boolean shared) {
        string(out, key);
        out.append(": ");
        write(out, value, shared);
    }

    /** As {@link #string(JsonOut, String)}, for a text made once (a message shape's keys). */
    public static void string(StringBuilder out, String s) {
        JsonOut text = new JsonOut(s.length() + 2);
        string(text, s);
        out.append(text.toString());
    }

    /** A JSON string literal with Python's {@code ensure_ascii} escaping. */
    public static void string(JsonOut out, String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n) { // the common case: printable ASCII without quotes, appended in one go
            char c = s.charAt(plain);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == n) {
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) { // Python escapes DEL too: [^ -~]
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * A float as {@code json.dumps} writes it: Python's {@code repr} (agent-core's
     * {@link PythonText#repr}: shortest round-trip digits, Python's layout), and JSON's own
     * spelling of the special values.
     */
    public static String floatText(double d) {
        StringBuilder sb = new StringBuilder(24);
        appendFloat(sb, d);
        return sb.toString();
    }

    private static void appendFloat(StringBuilder out, double d) {
        if (Double.isNaN(d)) {
            out.append("NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            PythonText.appendDouble(out, d);
        }
    }

    private static void appendFloat(JsonOut out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append(floatText(d));
        } else {
            out.appendDouble(d);
        }
    }
}
