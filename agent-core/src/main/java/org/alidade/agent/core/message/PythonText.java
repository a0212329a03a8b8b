package org.alidade.agent.core.message;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text Python 3's {@code str()} gives for a JSON value, as Ceilometer feeds it into the
 * message signature (reference §2.3).
 *
 * <ul>
 *   <li>strings as they are; {@code None}, {@code True}, {@code False}; integers in decimal;</li>
 *   <li>doubles as Python's {@code repr}: the shortest digits that read back to the same
 *       double (the closest such when there are several), fixed notation for
 *       1e-4 &le; |x| &lt; 1e16 ({@code 3.0}, {@code 0.0001}), otherwise {@code 1e+16},
 *       {@code 1.5e-07}; {@code inf}, {@code -inf}, {@code nan}, {@code -0.0};</li>
 *   <li>lists as Python's {@code repr} of the list after Ceilometer turned every string in it
 *       into UTF-8 {@code bytes}: {@code [b'x', None, 1.5, {b'k': [b'v']}]}, where maps are
 *       printed with their keys sorted.</li>
 * </ul>
 *
 * <p>Thread-safe and allocation-light: it runs for every value of every sample.
 */
public final class PythonText {

    private PythonText() {
    }

    /**
     * Python's {@code str(value)} for one signed value.
     *
     * @param value {@code null}, a {@link String}, {@link Boolean}, {@link Integer}, {@link Long},
     *              {@link BigInteger}, {@link Double}, or a {@link List} / string-keyed {@link Map} of those
     * @throws IllegalArgumentException for any other type (there is no Python text to match)
     */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder(32);
        appendStr(sb, value);
        return sb.toString();
    }

    /** Appends Python's {@code str(value)}: what {@link #str} returns, without a string of its own. */
    public static void appendStr(StringBuilder sb, Object value) {
        if (value instanceof String s) {
            sb.append(s);
        } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
            appendRepr(sb, value);
        } else {
            appendScalar(sb, value);
        }
    }

    /** Python's {@code repr(value)} of a float, e.g. {@code 0.1}, {@code 3.0}, {@code 1e+16}. */
    public static String repr(double value) {
        StringBuilder sb = new StringBuilder(24);
        appendDouble(sb, value);
        return sb.toString();
    }

    /** Everything but strings, lists and maps: the same text for {@code str} and {@code repr}. */
    private static void appendScalar(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("None");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (value instanceof Double d) {
            appendDouble(sb, d);
        } else if (value instanceof Integer i) {
            sb.append(i.intValue()); // append(Object) would make a string first
        } else if (value instanceof Long l) {
            sb.append(l.longValue());
        } else if (value instanceof BigInteger) {
            sb.append(value);
        } else {
            throw new IllegalArgumentException("no Python text for a " + value.getClass().getName()
                    + " (allowed: null, String, Boolean, Integer, Long, BigInteger, Double, List, Map)");
        }
    }

    /** The repr of a value inside a list, after Ceilometer's {@code decode_unicode} made strings bytes. */
    private static void appendRepr(StringBuilder sb, Object value) {
        if (value instanceof String s) {
            appendBytesRepr(sb, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendRepr(sb, list.get(i));
            }
            sb.append(']');
        } else if (value instanceof Map<?, ?> map) {
            // decode_unicode rebuilds the dict in sorted key order, and dicts print in insertion order
            Map.Entry<String, Object>[] entries = sortedEntries(map);
            sb.append('{');
            for (int i = 0; i < entries.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendBytesRepr(sb, entries[i].getKey().getBytes(StandardCharsets.UTF_8));
                sb.append(": ");
                appendRepr(sb, entries[i].getValue());
            }
            sb.append('}');
        } else {
            appendScalar(sb, value);
        }
    }

    /**
     * The map's entries sorted by key in Python's order (Unicode code points).
     *
     * @throws IllegalArgumentException if a key is not a string
     */
    @SuppressWarnings("unchecked")
    static Map.Entry<String, Object>[] sortedEntries(Map<?, ?> map) {
        Map.Entry<String, Object>[] entries = map.entrySet().toArray(new Map.Entry[0]);
        for (Map.Entry<String, Object> e : entries) {
            if (!(((Map.Entry<?, ?>) e).getKey() instanceof String)) {
                throw new IllegalArgumentException("map keys must be strings, found " + ((Map.Entry<?, ?>) e).getKey());
            }
        }
        if (entries.length > 1) {
            Arrays.sort(entries, BY_KEY);
        }
        return entries;
    }

    private static final Comparator<Map.Entry<String, Object>> BY_KEY =
            (a, b) -> compareCodePoints(a.getKey(), b.getKey());

    /**
     * Compares like Python compares {@code str}s: by Unicode code point. {@link String#compareTo}
     * compares UTF-16 units, which puts a supplementary character (a surrogate pair, units
     * D800..DFFF) before BMP characters U+E000..U+FFFF; this corrects exactly that case.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                if (xs != Character.isSurrogate(y)) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Python's {@code repr(bytes)}: {@code b'…'}, or {@code b"…"} when it avoids escaping a {@code '}. */
    private static void appendBytesRepr(StringBuilder sb, byte[] bytes) {
        char quote = '\'';
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        if (hasSingle && !hasDouble) {
            quote = '"';
        }
        sb.append('b').append(quote);
        for (byte signed : bytes) {
            int c = signed & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append((char) c);
            }
        }
        sb.append(quote);
    }

    // ---------------------------------------------------------------------------------------
    // Floats. Python's repr is David Gay's dtoa mode 0: the shortest decimal that reads back to
    // the same double, and of those the closest to its exact value. JDK 17's Double.toString is
    // not a usable starting point: it can be several digits too long (4.8726570056999995E288
    // for 4.8726570057e+288, 18 digits for some integers above 2^60), occasionally ends in a
    // farther digit of the right length (...864E25 for ...865e+25), and says 4.9E-324 for
    // 5e-324. So the digits come from Giulietti's Schubfach algorithm ("The Schubfach
    // way to render doubles", 2020; the algorithm behind Double.toString since JDK 19) with
    // Java's two-digit minimum left out, since Python has none. Cost: three 128-bit products.
    // ---------------------------------------------------------------------------------------

    private static final int P = 53;                     // precision of a double in bits
    private static final int Q_MIN = -1074;              // exponent of the smallest subnormal
    private static final long C_MIN = 1L << (P - 1);     // smallest normal significand
    private static final long T_MASK = C_MIN - 1;        // fraction bits
    private static final int BQ_MASK = 0x7ff;            // biased exponent bits
    private static final long MASK_63 = (1L << 63) - 1;
    private static final int K_MIN = -324;               // flog10pow2(Q_MIN)
    private static final int K_MAX = 292;                // flog10pow2(Q_MAX = 971)

    /**
     * For k in [K_MIN, K_MAX]: g = floor(10^-k / 2^r) + 1 with r chosen so that 2^125 <= g < 2^126,
     * i.e. r = flog2pow10(-k) - 125, split into its high and low 63 bits. Computed once with
     * BigInteger instead of a 1234-entry literal table, so the table is checkably right.
     */
    private static final long[] G = powersOfTen();

    private static long[] powersOfTen() {
        long[] g = new long[(K_MAX - K_MIN + 1) * 2];
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            BigInteger beta;
            if (k <= 0) {
                BigInteger pow = BigInteger.TEN.pow(-k);
                beta = r >= 0 ? pow.shiftRight(r) : pow.shiftLeft(-r);
            } else {
                beta = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            BigInteger v = beta.add(BigInteger.ONE);
            int i = (k - K_MIN) << 1;
            g[i] = v.shiftRight(63).longValueExact();
            g[i + 1] = v.longValue() & MASK_63;
        }
        return g;
    }

    /** floor(log10(2^e)), exact for |e| well beyond the double range. */
    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 * 2^e)): the decimal scale of the narrower interval below a power of two. */
    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(log2(10^e)). */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    static void appendDouble(StringBuilder sb, double v) {
        long bits = Double.doubleToRawLongBits(v);
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        long t = bits & T_MASK;
        if (bq == BQ_MASK) {
            sb.append(t != 0 ? "nan" : bits < 0 ? "-inf" : "inf");
            return;
        }
        if (bits < 0) {
            sb.append('-');
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;      // v = c * 2^-mq
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                // An integer below 2^53 is its own shortest decimal.
                long f = c >> mq;
                if (f << mq == c) {
                    appendDecimal(sb, f, 0);
                    return;
                }
            }
            appendShortest(sb, -mq, c);
        } else if (t != 0) {
            appendShortest(sb, Q_MIN, t);
        } else {
            sb.append("0.0");
        }
    }

    /**
     * Appends the shortest, then closest, decimal in the rounding interval of v = c * 2^q.
     * Schubfach picks k so that the interval (width 2^q, or 3/4 of it below a power of two)
     * holds at least one multiple of 10^k and at most one of 10^(k+1): the answer is that
     * multiple of 10^(k+1) if there is one, else the better of floor/ceil(v / 10^k).
     */
    private static void appendShortest(StringBuilder sb, int q, long c) {
        int out = (int) c & 0x1;           // odd significand: interval bounds read back elsewhere
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN | q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;                  // the gap below a power of two is half the gap above
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        int i = (k - K_MIN) << 1;
        long g1 = G[i];
        long g0 = G[i + 1];
        // 4 * (v, left bound, right bound) / 10^k, rounded to odd so that comparisons stay exact
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);

        long s = vb >> 2;
        // JDK 19 only looks for a shorter multiple of 10^(k+1) when s >= 100, which together
        // with its C_TINY special case yields its two-digit minimum (4.9E-324). Python wants
        // 5e-324 and 1e-322, so always look.
        long sp10 = s / 10 * 10;
        long tp10 = sp10 + 10;
        boolean upin = vbl + out <= sp10 << 2;
        boolean wpin = (tp10 << 2) + out <= vbr;
        if (upin != wpin) {
            appendDecimal(sb, upin ? sp10 : tp10, k);
            return;
        }
        long tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            appendDecimal(sb, uin ? s : tt, k);
            return;
        }
        // both read back: the closer one, the even one on an exact tie (never happens for doubles)
        long cmp = vb - (s + tt << 1);
        appendDecimal(sb, cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : tt, k);
    }

    /** The high bits of g * cp, with a sticky low bit set when any lower bit was lost. */
    private static long rop(long g1, long g0, long cp) {
        // all operands are below 2^63, so the signed high product is the unsigned one
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (z & MASK_63) + MASK_63 >>> 63;
    }

    /** Appends f * 10^e (f > 0) in Python's repr layout; the digits are laid out in place. */
    private static void appendDecimal(StringBuilder sb, long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int start = sb.length();
        sb.append(f);
        int n = sb.length() - start;
        int exp10 = e + n - 1;             // position of the leading digit
        if (exp10 >= 16 || exp10 < -4) {
            if (n > 1) {
                sb.insert(start + 1, '.');
            }
            sb.append('e').append(exp10 < 0 ? '-' : '+');
            int abs = Math.abs(exp10);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (exp10 >= 0) {
            int intDigits = exp10 + 1;
            if (n <= intDigits) {
                for (int z = n; z < intDigits; z++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.insert(start + intDigits, '.');
            }
        } else {
            sb.insert(start, "0.");
            for (int z = -1; z > exp10; z--) {
                sb.insert(start + 2, '0');
            }
        }
    }
}
