package org.alidade.agent.core.message;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

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
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    public static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(floatText(d));
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
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, l.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON type: " + value.getClass().getName());
        }
    }

    /** A JSON string literal with Python's {@code ensure_ascii} escaping. */
    public static void string(StringBuilder out, String s) {
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
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PythonText.repr(d);
    }
}
