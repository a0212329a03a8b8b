package org.alidade.pollster.central.dynamic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.alidade.pollster.central.dynamic.PyExpression.Callable;

/** The functions {@link PyExpression} allows, as Python defines them (iterators become lists). */
final class Builtins {

    private Builtins() {
    }

    static Callable function(String name) {
        return (args, kwargs) -> call(name, args, kwargs);
    }

    private static Object call(String name, List<Object> args, Map<String, Object> kwargs) throws EvalException {
        switch (name) {
            case "len": {
                Object v = one(name, args);
                if (v instanceof String s) {
                    return (long) s.codePointCount(0, s.length());
                }
                if (v instanceof List<?> l) {
                    return (long) l.size();
                }
                if (v instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                throw EvalException.typeError("object of type '" + PyValues.typeName(v) + "' has no len()");
            }
            case "str":
                return args.isEmpty() ? "" : PyValues.str(one(name, args));
            case "bool":
                return !args.isEmpty() && PyValues.truthy(one(name, args));
            case "int":
                return toInt(args.isEmpty() ? 0L : one(name, args));
            case "float":
                return toFloat(args.isEmpty() ? 0.0 : one(name, args));
            case "list":
            case "tuple":
                return args.isEmpty() ? new ArrayList<>() : PyValues.iterate(one(name, args));
            case "reversed": {
                List<Object> l = PyValues.iterate(one(name, args));
                Collections.reverse(l);
                return l;
            }
            case "filter": {
                two(name, args);
                List<Object> out = new ArrayList<>();
                for (Object o : PyValues.iterate(args.get(1))) {
                    if (PyValues.truthy(args.get(0) == null ? o : callable(args.get(0)).call(java.util.Arrays.asList(o), Map.of()))) {
                        out.add(o);
                    }
                }
                return out;
            }
            case "map": {
                two(name, args);
                Callable f = callable(args.get(0));
                List<Object> out = new ArrayList<>();
                for (Object o : PyValues.iterate(args.get(1))) {
                    out.add(f.call(java.util.Arrays.asList(o), Map.of()));
                }
                return out;
            }
            case "sorted":
                return sorted(one(name, args), kwargs.get("key"), PyValues.truthy(kwargs.get("reverse")));
            case "min":
            case "max": {
                List<Object> items = args.size() == 1 ? PyValues.iterate(args.get(0)) : new ArrayList<>(args);
                if (items.isEmpty()) {
                    if (kwargs.containsKey("default")) {
                        return kwargs.get("default");
                    }
                    throw EvalException.valueError(name + "() arg is an empty sequence");
                }
                List<Object> s = sorted(items, kwargs.get("key"), false);
                return name.equals("min") ? s.get(0) : s.get(s.size() - 1);
            }
            case "sum": {
                Object total = args.size() > 1 ? args.get(1) : (Object) 0L;
                for (Object o : PyValues.iterate(args.get(0))) {
                    total = Operators.arithmetic("+", total, o);
                }
                return total;
            }
            case "abs": {
                Object v = one(name, args);
                return PyValues.compare(v, 0L) < 0 ? Operators.arithmetic("-", 0L, v) : v;
            }
            case "round": {
                Object v = args.get(0);
                if (!PyValues.numeric(v)) {
                    throw EvalException.typeError("type " + PyValues.typeName(v) + " doesn't define __round__");
                }
                int digits = args.size() > 1 && args.get(1) != null ? ((Number) args.get(1)).intValue() : 0;
                BigDecimal d = new BigDecimal(PyValues.num(v).toString()).setScale(digits, RoundingMode.HALF_EVEN);
                return args.size() > 1 && args.get(1) != null && PyValues.isFloat(v) ? (Object) d.doubleValue()
                        : PyValues.integer(d.toBigInteger());
            }
            case "any":
            case "all": {
                for (Object o : PyValues.iterate(one(name, args))) {
                    if (PyValues.truthy(o) == name.equals("any")) {
                        return name.equals("any");
                    }
                }
                return !name.equals("any");
            }
            default:
                throw new EvalException("NameError", "name '" + name + "' is not defined");
        }
    }

    private static Object one(String name, List<Object> args) throws EvalException {
        if (args.size() != 1) {
            throw EvalException.typeError(name + "() takes exactly one argument (" + args.size() + " given)");
        }
        return args.get(0);
    }

    private static void two(String name, List<Object> args) throws EvalException {
        if (args.size() != 2) {
            throw EvalException.typeError(name + "() takes exactly two arguments (" + args.size() + " given)");
        }
    }

    private static Callable callable(Object f) throws EvalException {
        if (f instanceof Callable c) {
            return c;
        }
        throw EvalException.typeError("'" + PyValues.typeName(f) + "' object is not callable");
    }

    private static List<Object> sorted(Object iterable, Object key, boolean reverse) throws EvalException {
        List<Object> items = PyValues.iterate(iterable);
        List<Object[]> keyed = new ArrayList<>();
        for (Object o : items) {
            keyed.add(new Object[] {key == null ? o : callable(key).call(java.util.Arrays.asList(o), Map.of()), o});
        }
        EvalException[] failure = new EvalException[1];
        keyed.sort((a, b) -> {
            try {
                return PyValues.compare(a[0], b[0]);
            } catch (EvalException e) {
                failure[0] = e;
                return 0;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        List<Object> out = new ArrayList<>();
        keyed.forEach(k -> out.add(k[1]));
        if (reverse) {
            Collections.reverse(out);
        }
        return out;
    }

    private static Object toInt(Object v) throws EvalException {
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (PyValues.isInt(v)) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw EvalException.valueError("cannot convert float " + PyValues.floatRepr(d) + " to integer");
            }
            return PyValues.integer(new BigDecimal(d).toBigInteger());
        }
        if (v instanceof String s) {
            try {
                return PyValues.integer(new BigInteger(s.strip().replace("_", "")));
            } catch (NumberFormatException e) {
                throw EvalException.valueError("invalid literal for int() with base 10: " + PyValues.repr(s));
            }
        }
        throw EvalException.typeError("int() argument must be a string or a number, not '" + PyValues.typeName(v) + "'");
    }

    private static Object toFloat(Object v) throws EvalException {
        if (PyValues.numeric(v)) {
            return PyValues.num(v).doubleValue();
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            switch (t) {
                case "nan":
                    return Double.NaN;
                case "inf":
                case "infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            try {
                return Double.valueOf(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw EvalException.valueError("could not convert string to float: " + PyValues.repr(s));
            }
        }
        throw EvalException.typeError("float() argument must be a string or a number, not '" + PyValues.typeName(v) + "'");
    }
}
