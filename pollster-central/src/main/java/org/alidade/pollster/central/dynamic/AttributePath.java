package org.alidade.pollster.central.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code "<path> | <op> | <op> …"} of a dynamic pollster (reference §6.4): the path is split on
 * {@code .} into dict keys ({@code .} alone is the object itself); each operation is a
 * {@link PyExpression} over {@code value}, the previous result. Parsed when the definition is
 * loaded, so that a bad expression is rejected then.
 */
public final class AttributePath {

    private final String source;
    private final List<String> keys;
    private final List<PyExpression> operations;

    private AttributePath(String source, List<String> keys, List<PyExpression> operations) {
        this.source = source;
        this.keys = keys;
        this.operations = operations;
    }

    /** @throws IllegalArgumentException saying which operation is wrong and why */
    public static AttributePath parse(String source) {
        String[] parts = source.split("\\|", -1);
        String path = parts[0].strip();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the attribute path before '|' is empty");
        }
        List<String> keys = path.equals(".") ? List.of() : List.of(path.split("\\.", -1));
        List<PyExpression> ops = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String op = parts[i].strip();
            if (!op.contains("value")) {
                throw new IllegalArgumentException("operation " + i + " '" + op + "' must use the variable 'value'");
            }
            try {
                ops.add(PyExpression.parse(op, Set.of("value")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation " + i + " '" + op + "': " + e.getMessage(), e);
            }
        }
        return new AttributePath(source, keys, List.copyOf(ops));
    }

    /** The value at the path of {@code root}, through the operations. */
    public Object evaluate(Object root) throws EvalException {
        Object value = root;
        for (String k : keys) {
            if (value instanceof Map<?, ?> m) {
                if (!m.containsKey(k)) {
                    throw EvalException.keyError(k);
                }
                value = m.get(k);
            } else if (value instanceof List<?>) {
                throw EvalException.typeError("list indices must be integers or slices, not str (key '" + k + "')");
            } else {
                throw EvalException.typeError("'" + PyValues.typeName(value) + "' object is not subscriptable (key '"
                        + k + "')");
            }
        }
        for (PyExpression op : operations) {
            Map<String, Object> scope = new java.util.HashMap<>();
            scope.put("value", value);
            value = op.eval(scope);
        }
        return value;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
