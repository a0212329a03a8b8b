package org.alidade.publisher.amqp.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
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
     * Python's {@code repr} of a float as {@code json.dumps} writes it. The digits are
     * the shortest that round-trip, as Python's (Java 17's {@code Double.toString} is sometimes a
     * digit longer, so it is shortened while it still parses to the same double), laid out the
     * Python way.
     */
    public static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        BigDecimal bd = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
        // before JDK 19 Double.toString is sometimes a digit too long (4.9E-324): shorten while it round-trips
        while (bd.precision() > 1) {
            BigDecimal shorter = bd.round(new MathContext(bd.precision() - 1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(shorter.toString()) != abs) {
                break;
            }
            bd = shorter.stripTrailingZeros();
        }
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (exp >= -4 && exp < 16) {
            if (exp >= 0) {
                if (digits.length() <= exp + 1) {
                    out.append(digits).append("0".repeat(exp + 1 - digits.length())).append(".0");
                } else {
                    out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
                }
            } else {
                out.append("0.").append("0".repeat(-exp - 1)).append(digits);
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
        }
        return out.toString();
    }
}
