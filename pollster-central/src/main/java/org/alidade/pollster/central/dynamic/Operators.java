package org.alidade.pollster.central.dynamic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operators of {@link PyExpression}, with Python's semantics on JSON values. */
final class Operators {

    private Operators() {
    }

    static boolean compare(String op, Object a, Object b) throws EvalException {
        return switch (op) {
            case "==" -> PyValues.eq(a, b);
            case "!=" -> !PyValues.eq(a, b);
            case "<" -> PyValues.compare(a, b) < 0;
            case "<=" -> PyValues.compare(a, b) <= 0;
            case ">" -> PyValues.compare(a, b) > 0;
            case ">=" -> PyValues.compare(a, b) >= 0;
            case "in" -> contains(b, a);
            case "not in" -> !contains(b, a);
            case "is" -> a == b || a instanceof Boolean && a.equals(b);
            case "is not" -> !compare("is", a, b);
            default -> throw EvalException.typeError("operator " + op);
        };
    }

    static boolean contains(Object container, Object item) throws EvalException {
        if (container instanceof String s) {
            if (!(item instanceof String i)) {
                throw EvalException.typeError("'in <string>' requires string as left operand, not "
                        + PyValues.typeName(item));
            }
            return s.contains(i);
        }
        if (container instanceof Map<?, ?> m) {
            return PyValues.containsKey(m, item);
        }
        for (Object o : PyValues.iterate(container)) {
            if (PyValues.eq(o, item)) {
                return true;
            }
        }
        return false;
    }

    static Object arithmetic(String op, Object a, Object b) throws EvalException {
        if (op.equals("+")) {
            if (a instanceof String x && b instanceof String y) {
                return x + y;
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                List<Object> out = new ArrayList<>(x);
                out.addAll(y);
                return out;
            }
        }
        if (op.equals("*")) {
            if (a instanceof String s && PyValues.isInt(b)) {
                return s.repeat(Math.max(0, ((Number) b).intValue()));
            }
            if (a instanceof List<?> l && PyValues.isInt(b)) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < ((Number) b).intValue(); i++) {
                    out.addAll(l);
                }
                return out;
            }
        }
        if (!PyValues.numeric(a) || !PyValues.numeric(b)) {
            throw EvalException.typeError("unsupported operand type(s) for " + op + ": '" + PyValues.typeName(a)
                    + "' and '" + PyValues.typeName(b) + "'");
        }
        Number x = PyValues.num(a);
        Number y = PyValues.num(b);
        if (op.equals("/")) {
            if (y.doubleValue() == 0) {
                throw new EvalException("ZeroDivisionError", "division by zero");
            }
            return x.doubleValue() / y.doubleValue();
        }
        if (PyValues.isFloat(x) || PyValues.isFloat(y)) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return switch (op) {
                case "+" -> p + q;
                case "-" -> p - q;
                case "*" -> p * q;
                case "//" -> {
                    zero(q);
                    yield Math.floor(p / q);
                }
                case "%" -> {
                    zero(q);
                    double r = p % q;
                    yield r != 0 && (r < 0) != (q < 0) ? r + q : r;
                }
                default -> throw EvalException.typeError("operator " + op);
            };
        }
        BigInteger p = PyValues.big(x);
        BigInteger q = PyValues.big(y);
        return PyValues.integer(switch (op) {
            case "+" -> p.add(q);
            case "-" -> p.subtract(q);
            case "*" -> p.multiply(q);
            case "//" -> {
                zero(q.doubleValue());
                BigInteger[] qr = p.divideAndRemainder(q);
                yield qr[1].signum() != 0 && qr[1].signum() != q.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
            }
            case "%" -> {
                zero(q.doubleValue());
                BigInteger r = p.mod(q.abs());
                yield q.signum() < 0 && r.signum() != 0 ? r.add(q) : r;
            }
            default -> throw EvalException.typeError("operator " + op);
        });
    }

    private static void zero(double q) throws EvalException {
        if (q == 0) {
            throw new EvalException("ZeroDivisionError", "division by zero");
        }
    }

    /** {@code v[i]}: list and string positions (negative from the end), dict keys. */
    static Object index(Object target, Object key) throws EvalException {
        if (target instanceof Map<?, ?> m) {
            Object k = PyValues.findKey(m, key);
            if (k == PyValues.NO_KEY) {
                throw EvalException.keyError(key);
            }
            return m.get(k);
        }
        if (target instanceof List<?> || target instanceof String) {
            if (!PyValues.isInt(key) && !(key instanceof Boolean)) {
                throw EvalException.typeError(PyValues.typeName(target) + " indices must be integers, not "
                        + PyValues.typeName(key));
            }
            int size = target instanceof List<?> l ? l.size() : ((String) target).length();
            long i = PyValues.num(key).longValue();
            long at = i < 0 ? size + i : i;
            if (at < 0 || at >= size) {
                throw EvalException.indexError(PyValues.typeName(target) + " index out of range");
            }
            return target instanceof List<?> l ? l.get((int) at) : String.valueOf(((String) target).charAt((int) at));
        }
        throw EvalException.typeError("'" + PyValues.typeName(target) + "' object is not subscriptable");
    }

    static Object slice(Object target, Object lo, Object hi) throws EvalException {
        if (!(target instanceof List<?> || target instanceof String)) {
            throw EvalException.typeError("'" + PyValues.typeName(target) + "' object is not subscriptable");
        }
        int size = target instanceof List<?> l ? l.size() : ((String) target).length();
        int from = bound(lo, size, 0);
        int to = Math.max(from, bound(hi, size, size));
        return target instanceof List<?> l ? new ArrayList<>(l.subList(from, to)) : ((String) target).substring(from, to);
    }

    private static int bound(Object v, int size, int dflt) throws EvalException {
        if (v == null) {
            return dflt;
        }
        if (!PyValues.isInt(v)) {
            throw EvalException.typeError("slice indices must be integers or None");
        }
        long i = ((Number) v).longValue();
        long at = i < 0 ? size + i : i;
        return (int) Math.max(0, Math.min(size, at));
    }
}
