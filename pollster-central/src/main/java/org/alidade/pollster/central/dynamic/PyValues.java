package org.alidade.pollster.central.dynamic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python semantics on JSON values: truth, equality, ordering, {@code str} and {@code repr}. */
final class PyValues {

    private PyValues() {
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return isFloat(n) ? n.doubleValue() != 0.0 : !big(n).equals(BigInteger.ZERO);
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static boolean isFloat(Object n) {
        return n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal;
    }

    static boolean isInt(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
                || n instanceof Byte;
    }

    static BigInteger big(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** An int result in the smallest of Long/BigInteger that holds it. */
    static Number integer(BigInteger b) {
        return b.bitLength() < 64 ? (Number) b.longValue() : b;
    }

    /** Python {@code ==}: 1 == 1.0, True == 1, lists and dicts element by element. */
    static boolean eq(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y);
        }
        if (numeric(a) && numeric(b)) {
            return compareNumbers(num(a), num(b)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !eq(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static boolean numeric(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    static Number num(Object o) {
        return o instanceof Boolean b ? (Number) (b ? 1L : 0L) : (Number) o;
    }

    static int compareNumbers(Number a, Number b) {
        if (isFloat(a) || isFloat(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return big(a).compareTo(big(b));
    }

    /** Python ordering of two values of comparable types. */
    static int compare(Object a, Object b) throws EvalException {
        if (numeric(a) && numeric(b)) {
            return compareNumbers(num(a), num(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw EvalException.typeError("'<' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** A key of a dict as Python finds it: by equality (so 1 finds 1.0). */
    static boolean containsKey(Map<?, ?> m, Object key) {
        return findKey(m, key) != NO_KEY;
    }

    static final Object NO_KEY = new Object();

    static Object findKey(Map<?, ?> m, Object key) {
        if (m.containsKey(key)) {
            return key;
        }
        for (Object k : m.keySet()) {
            if (eq(k, key)) {
                return k;
            }
        }
        return NO_KEY;
    }

    static List<Object> iterate(Object v) throws EvalException {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        throw EvalException.typeError("'" + typeName(v) + "' object is not iterable");
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (isInt(v)) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return "function";
    }

    /** Python {@code str()}. */
    static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /** Python {@code repr()}. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (isFloat(v)) {
            return floatRepr(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<?> it = l.iterator(); it.hasNext();) {
                sb.append(repr(it.next())).append(it.hasNext() ? ", " : "");
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext();) {
                Map.Entry<?, ?> e = it.next();
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue())).append(it.hasNext() ? ", " : "");
            }
            return sb.append('}').toString();
        }
        return "<function>";
    }

    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
