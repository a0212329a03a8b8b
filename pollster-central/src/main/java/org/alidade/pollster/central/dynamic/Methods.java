package org.alidade.pollster.central.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The methods of strings, dicts and lists that {@link PyExpression} allows. */
final class Methods {

    private Methods() {
    }

    static Object call(Object target, String name, List<Object> args, Map<String, Object> kwargs) throws EvalException {
        if (target instanceof String s) {
            return string(s, name, args, kwargs);
        }
        if (target instanceof Map<?, ?> m) {
            switch (name) {
                case "get": {
                    arity(name, args, 1, 2);
                    Object k = PyValues.findKey(m, args.get(0));
                    return k == PyValues.NO_KEY ? (args.size() > 1 ? args.get(1) : null) : m.get(k);
                }
                case "keys":
                    return new ArrayList<>(m.keySet());
                case "values":
                    return new ArrayList<>(m.values());
                case "items": {
                    List<Object> out = new ArrayList<>();
                    m.forEach((k, v) -> out.add(java.util.Arrays.asList(k, v)));
                    return out;
                }
                default:
                    break;
            }
        }
        if (target instanceof List<?> l) {
            switch (name) {
                case "index": {
                    arity(name, args, 1, 1);
                    for (int i = 0; i < l.size(); i++) {
                        if (PyValues.eq(l.get(i), args.get(0))) {
                            return (long) i;
                        }
                    }
                    throw EvalException.valueError(PyValues.repr(args.get(0)) + " is not in list");
                }
                case "count": {
                    arity(name, args, 1, 1);
                    return l.stream().filter(o -> PyValues.eq(o, args.get(0))).count();
                }
                default:
                    break;
            }
        }
        throw new EvalException("AttributeError", "'" + PyValues.typeName(target) + "' object has no attribute '"
                + name + "'");
    }

    private static void arity(String name, List<Object> args, int min, int max) throws EvalException {
        if (args.size() < min || args.size() > max) {
            throw EvalException.typeError(name + "() takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments (" + args.size() + " given)");
        }
    }

    private static String str(Object o, String what) throws EvalException {
        if (!(o instanceof String s)) {
            throw EvalException.typeError(what + " must be str, not " + PyValues.typeName(o));
        }
        return s;
    }

    private static Object string(String s, String name, List<Object> args, Map<String, Object> kwargs)
            throws EvalException {
        List<Object> a = new ArrayList<>(args);
        kwargs.forEach((k, v) -> {
            if (k.equals("sep") || k.equals("chars")) {
                a.add(0, v);
            } else if (k.equals("maxsplit")) {
                while (a.isEmpty()) {
                    a.add(null);
                }
                a.add(v);
            }
        });
        switch (name) {
            case "split":
            case "rsplit": {
                arity(name, a, 0, 2);
                Object sep = a.isEmpty() ? null : a.get(0);
                int max = a.size() > 1 ? ((Number) a.get(1)).intValue() : -1;
                return split(s, sep == null ? null : str(sep, "separator"), max, name.equals("rsplit"));
            }
            case "strip":
            case "lstrip":
            case "rstrip": {
                arity(name, a, 0, 1);
                String chars = a.isEmpty() || a.get(0) == null ? null : str(a.get(0), "chars");
                int from = 0;
                int to = s.length();
                if (!name.equals("rstrip")) {
                    while (from < to && strippable(s.charAt(from), chars)) {
                        from++;
                    }
                }
                if (!name.equals("lstrip")) {
                    while (to > from && strippable(s.charAt(to - 1), chars)) {
                        to--;
                    }
                }
                return s.substring(from, to);
            }
            case "lower":
                return s.toLowerCase(java.util.Locale.ROOT);
            case "upper":
                return s.toUpperCase(java.util.Locale.ROOT);
            case "title": {
                StringBuilder sb = new StringBuilder();
                boolean start = true;
                for (char c : s.toCharArray()) {
                    sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                    start = !Character.isLetter(c);
                }
                return sb.toString();
            }
            case "capitalize":
                return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
            case "replace": {
                arity(name, a, 2, 3);
                String old = str(a.get(0), "old");
                String rep = str(a.get(1), "new");
                if (a.size() == 2) {
                    return s.replace(old, rep);
                }
                int n = ((Number) a.get(2)).intValue();
                String out = s;
                StringBuilder sb = new StringBuilder();
                int from = 0;
                for (int i = 0; i < n || n < 0; i++) {
                    int at = out.indexOf(old, from);
                    if (at < 0 || old.isEmpty()) {
                        break;
                    }
                    sb.append(out, from, at).append(rep);
                    from = at + old.length();
                }
                return sb.append(out.substring(from)).toString();
            }
            case "startswith":
            case "endswith": {
                arity(name, a, 1, 1);
                List<Object> options = a.get(0) instanceof List<?> l ? new ArrayList<>(l) : List.of(a.get(0));
                for (Object o : options) {
                    String p = str(o, name + " argument");
                    if (name.equals("startswith") ? s.startsWith(p) : s.endsWith(p)) {
                        return true;
                    }
                }
                return false;
            }
            case "join": {
                arity(name, a, 1, 1);
                StringBuilder sb = new StringBuilder();
                List<Object> items = PyValues.iterate(a.get(0));
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String item)) {
                        throw EvalException.typeError("sequence item " + i + ": expected str instance, "
                                + PyValues.typeName(items.get(i)) + " found");
                    }
                    sb.append(i > 0 ? s : "").append(item);
                }
                return sb.toString();
            }
            case "find":
                arity(name, a, 1, 1);
                return (long) s.indexOf(str(a.get(0), "sub"));
            case "count": {
                arity(name, a, 1, 1);
                String sub = str(a.get(0), "sub");
                if (sub.isEmpty()) {
                    return (long) s.length() + 1;
                }
                long n = 0;
                for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
                    n++;
                }
                return n;
            }
            case "zfill": {
                arity(name, a, 1, 1);
                int width = ((Number) a.get(0)).intValue();
                boolean sign = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
                String digits = sign ? s.substring(1) : s;
                return (sign ? s.substring(0, 1) : "") + "0".repeat(Math.max(0, width - s.length())) + digits;
            }
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "splitlines": {
                List<Object> lines = new ArrayList<>(List.of((Object[]) s.split("\r\n|\r|\n", -1)));
                if (!lines.isEmpty() && "".equals(lines.get(lines.size() - 1))) {
                    lines.remove(lines.size() - 1);
                }
                return lines;
            }
            default:
                throw new EvalException("AttributeError", "'str' object has no attribute '" + name + "'");
        }
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /** Python's str.split / str.rsplit. */
    static List<Object> split(String s, String sep, int max, boolean fromRight) throws EvalException {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            List<String> words = new ArrayList<>(List.of(s.strip().split("\\s+")));
            if (s.isBlank()) {
                return out;
            }
            if (max < 0 || words.size() <= max + 1) {
                out.addAll(words);
                return out;
            }
            // rejoin the unsplit part as Python keeps it (whitespace inside preserved)
            String t = s.strip();
            if (!fromRight) {
                for (int i = 0; i < max; i++) {
                    int at = indexOfSpace(t);
                    out.add(t.substring(0, at));
                    t = t.substring(at).stripLeading();
                }
                out.add(t);
            } else {
                List<Object> rev = new ArrayList<>();
                for (int i = 0; i < max; i++) {
                    int at = lastIndexOfSpace(t);
                    rev.add(0, t.substring(at + 1));
                    t = t.substring(0, at).stripTrailing();
                }
                out.add(t);
                out.addAll(rev);
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw EvalException.valueError("empty separator");
        }
        if (!fromRight) {
            int from = 0;
            int n = 0;
            for (int at = s.indexOf(sep); at >= 0 && (max < 0 || n < max); at = s.indexOf(sep, from)) {
                out.add(s.substring(from, at));
                from = at + sep.length();
                n++;
            }
            out.add(s.substring(from));
            return out;
        }
        int to = s.length();
        int n = 0;
        List<Object> rev = new ArrayList<>();
        for (int at = s.lastIndexOf(sep, to - sep.length()); at >= 0 && (max < 0 || n < max);
                at = s.lastIndexOf(sep, to - sep.length())) {
            rev.add(0, s.substring(at + sep.length(), to));
            to = at;
            n++;
            if (to - sep.length() < 0) {
                break;
            }
        }
        out.add(s.substring(0, to));
        out.addAll(rev);
        return out;
    }

    private static int indexOfSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return t.length();
    }

    private static int lastIndexOfSpace(String t) {
        for (int i = t.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
