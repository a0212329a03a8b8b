package org.alidade.it.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own, independent implementation of Ceilometer's {@code compute_signature}
 * (reference §2.3), so that a signature is checked against the secret rather than only for its
 * shape. Written from the reference, not from agent-core; checked against the reference's test
 * vectors by {@link SignaturesTest}.
 */
final class Signatures {

    private Signatures() {
    }

    /** The lowercase hex HMAC-SHA256 of the message with that secret ({@code ""} for an empty secret). */
    static String compute(Map<String, ?> message, String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        StringBuilder input = new StringBuilder();
        pairs(message, "", true, input);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per level: keys sorted, dicts flattened with {@code key:}, every other value as Python's str(). */
    private static void pairs(Map<String, ?> map, String prefix, boolean top, StringBuilder out) {
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(map).entrySet()) {
            if (top && e.getKey().equals("message_signature")) {
                continue;
            }
            if (e.getValue() instanceof Map<?, ?> nested) {
                pairs(stringKeys(nested), prefix + e.getKey() + ":", false, out);
            } else {
                out.append(prefix).append(e.getKey()).append(str(e.getValue()));
            }
        }
    }

    /** Python 3 {@code str()} of a value outside a list. */
    private static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?>) {
            return repr(v);
        }
        return scalar(v);
    }

    /** Python {@code repr()} inside a list, where every string has become UTF-8 bytes. */
    private static String repr(Object v) {
        if (v instanceof String s) {
            return bytes(s);
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : new TreeMap<>(stringKeys(map)).entrySet()) {
                sb.append(sb.length() == 1 ? "" : ", ").append(bytes(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return scalar(v);
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return pythonFloat(d);
        }
        throw new IllegalArgumentException("no JSON type: " + v.getClass().getName() + " " + v);
    }

    /** Python's float repr: shortest digits, fixed notation for 1e-4 <= |x| < 1e16, else exponent. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** Python's repr of {@code bytes}: {@code b'…'}, or {@code b"…"} when it holds ' but no ". */
    private static String bytes(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        boolean single = s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
        char quote = single ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (byte b : raw) {
            int c = b & 0xff;
            if (c == '\\' || c == quote) {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("map key is not a string: " + k);
            }
        }
        return (Map<String, Object>) map;
    }
}
